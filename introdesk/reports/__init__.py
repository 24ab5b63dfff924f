"""Printed documents: ReportLab PDFs built from the domain's objects and the texts in resources/tekster.

Imports only introdesk.domain and introdesk.resources; the services decide what to print and where.
"""
