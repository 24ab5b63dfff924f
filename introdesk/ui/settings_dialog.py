"""Innstillinger: the municipality, the service, the adviser and the written standard."""

from __future__ import annotations

from introdesk.services import settings
from introdesk.services.session import Session
from introdesk.ui.fields import ChoiceField, TextField
from introdesk.ui.form_dialog import FormDialog


def settings_dialog(session: Session, parent=None) -> FormDialog:
    labels = settings.LABELS
    fields = [
        TextField(name, labels[name], "4 siffer, f.eks. 0301" if name == "kommune_nr" else "")
        for name in ("kommune_navn", "kommune_nr", "tjeneste_navn", "radgiver_navn", "radgiver_tittel")
    ]
    fields.append(ChoiceField("malform", labels["malform"], list(settings.MALFORMER.items())))
    fields += [TextField("adresse", labels["adresse"], "Postadresse, f.eks. Postboks 12, 9990 Fjordvik"),
               TextField("telefon", labels["telefon"]),
               TextField("sted", labels["sted"], "Tomt: kommunenavnet"),
               TextField("logo", labels["logo"], "Filsti, for eksempel C:\\Logo\\kommune.png (valgfritt)"),
               ChoiceField("bevis_ident", labels["bevis_ident"], list(settings.IDENT_CHOICES.items())),
               TextField("resultatmal", labels["resultatmal"], "Hel prosent, for eksempel 70")]
    dialog = FormDialog("Innstillinger", fields, lambda values: settings.save(session, values), parent=parent)
    dialog.fields.set_values(settings.as_dict(settings.load(session)))
    return dialog
