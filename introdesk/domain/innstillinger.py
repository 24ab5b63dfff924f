"""The municipality's own details: who we are, who the adviser is, and how documents are written."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Innstillinger:
    kommune_navn: str = ""
    kommune_nr: str = ""
    tjeneste_navn: str = "Flyktningtjenesten"
    radgiver_navn: str = ""
    radgiver_tittel: str = "Programrådgiver"
    malform: str = "bokmal"
    adresse: str = ""  # the service's postal address, on letters and documents
    telefon: str = ""
    sted: str = ""  # where documents are signed; the municipality's name when empty
    logo: str = ""  # a PNG or JPEG file for the certificate's letterhead, or ""
    bevis_ident: str = "maskert"  # the certificate shows the identity number "maskert" or "fullt"
    resultatmal: int = 70  # per cent in work or education: the policy target since 2010 (DOMAIN.md section 13)

    @property
    def signing_place(self) -> str:
        return self.sted or self.kommune_navn.removesuffix(" kommune")
