"""Why an export file or one of its rows could not be used, in Finnish, Swedish and English.
Pure Python: the reader records a code and its parameters, and the page words them in the
reader's language (stored imports keep the code, so a later wording applies to them too)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

WORDING: dict[str, dict[str, str]] = {
    "empty": {
        "en": "The file is empty.",
        "fi": "Tiedosto on tyhjä.",
        "sv": "Filen är tom.",
    },
    "too_big": {
        "en": "The file is over {mb} MB.",
        "fi": "Tiedosto on yli {mb} Mt.",
        "sv": "Filen är över {mb} MB.",
    },
    "encoding": {
        "en": "The file is not text in a known encoding.",
        "fi": "Tiedosto ei ole tekstiä tunnetulla merkistöllä.",
        "sv": "Filen är inte text i en känd teckenkodning.",
    },
    "binary": {
        "en": "The file is not a CSV export (it contains binary data).",
        "fi": "Tiedosto ei ole CSV-vienti (siinä on binääridataa).",
        "sv": "Filen är inte en CSV-export (den innehåller binärdata).",
    },
    "too_many_rows": {
        "en": "The file has over {rows} rows.",
        "fi": "Tiedostossa on yli {rows} riviä.",
        "sv": "Filen har över {rows} rader.",
    },
    "unknown_meta_metric": {
        "en": "Unknown metric in a Meta daily export: {name}.",
        "fi": "Tuntematon mittari Metan päiväviennissä: {name}.",
        "sv": "Okänt mått i en daglig Meta-export: {name}.",
    },
    "no_header": {
        "en": "The file has no header row.",
        "fi": "Tiedostossa ei ole otsikkoriviä.",
        "sv": "Filen har ingen rubrikrad.",
    },
    "unknown_format": {
        "en": "The file is not a known export: expected a Meta Business Suite, YouTube Studio or "
        "LinkedIn export.",
        "fi": "Tiedosto ei ole tunnettu vienti: odotettiin Meta Business Suiten, YouTube Studion "
        "tai LinkedInin vientiä.",
        "sv": "Filen är ingen känd export: en export från Meta Business Suite, YouTube Studio "
        "eller LinkedIn väntades.",
    },
    "no_known_metric": {
        "en": "The file has a date column but no metric we know.",
        "fi": "Tiedostossa on päivämääräsarake mutta ei yhtään tunnettua mittaria.",
        "sv": "Filen har en datumkolumn men inget mått som vi känner till.",
    },
    "damaged_zip": {
        "en": "The file is a damaged ZIP or XLSX file.",
        "fi": "Tiedosto on vioittunut ZIP- tai XLSX-tiedosto.",
        "sv": "Filen är en skadad ZIP- eller XLSX-fil.",
    },
    "zip_without_totals": {
        "en": "The ZIP has no Totals.csv (a YouTube Studio export has one).",
        "fi": "ZIP-tiedostossa ei ole Totals.csv-tiedostoa (YouTube Studion viennissä on).",
        "sv": "ZIP-filen har ingen Totals.csv (en export från YouTube Studio har en).",
    },
    "totals_too_large": {
        "en": "Totals.csv in the ZIP is too large.",
        "fi": "ZIP-tiedoston Totals.csv on liian suuri.",
        "sv": "Totals.csv i ZIP-filen är för stor.",
    },
    "totals_unreadable": {
        "en": "Totals.csv could not be read from the ZIP.",
        "fi": "Totals.csv-tiedostoa ei voitu lukea ZIP-tiedostosta.",
        "sv": "Totals.csv kunde inte läsas ur ZIP-filen.",
    },
    "no_sheet": {
        "en": "No sheet in the workbook has a date column and metrics we know.",
        "fi": "Työkirjan millään välilehdellä ei ole päivämääräsaraketta ja tunnettuja mittareita.",
        "sv": "Inget blad i arbetsboken har en datumkolumn och mått som vi känner till.",
    },
    "workbook_too_large": {
        "en": "The workbook unpacks to too much data.",
        "fi": "Työkirja purkautuu liian suureksi.",
        "sv": "Arbetsboken packas upp till för mycket data.",
    },
    "xlsx_unreadable": {
        "en": "The XLSX workbook could not be opened.",
        "fi": "XLSX-työkirjaa ei voitu avata.",
        "sv": "XLSX-arbetsboken kunde inte öppnas.",
    },
    "xls_unreadable": {
        "en": "The XLS workbook could not be opened.",
        "fi": "XLS-työkirjaa ei voitu avata.",
        "sv": "XLS-arbetsboken kunde inte öppnas.",
    },
    "sheet_too_many_rows": {
        "en": "A sheet has over {rows} rows.",
        "fi": "Välilehdellä on yli {rows} riviä.",
        "sv": "Ett blad har över {rows} rader.",
    },
    "no_rows": {
        "en": "No usable rows in the file.",
        "fi": "Tiedostossa ei ole yhtään käyttökelpoista riviä.",
        "sv": "Filen har inga användbara rader.",
    },
    # One row
    "date_and_value": {
        "en": "expected a date and a value",
        "fi": "odotettiin päivämäärää ja arvoa",
        "sv": "ett datum och ett värde väntades",
    },
    "short_row": {
        "en": "the row has fewer columns than the header",
        "fi": "rivillä on vähemmän sarakkeita kuin otsikkorivillä",
        "sv": "raden har färre kolumner än rubrikraden",
    },
    "bad_publish_time": {
        "en": "unreadable publish time {value}",
        "fi": "julkaisuaikaa {value} ei voi lukea",
        "sv": "publiceringstiden {value} kan inte läsas",
    },
    "bad_date": {
        "en": "unreadable date {value}",
        "fi": "päivämäärää {value} ei voi lukea",
        "sv": "datumet {value} kan inte läsas",
    },
    "repeated_date": {
        "en": "the date {day} is repeated",
        "fi": "päivämäärä {day} toistuu",
        "sv": "datumet {day} upprepas",
    },
    "not_a_number": {
        "en": "{column}: not a number ({value})",
        "fi": "{column}: ei ole luku ({value})",
        "sv": "{column}: inte ett tal ({value})",
    },
    "negative": {
        "en": "{column}: negative value ({value})",
        "fi": "{column}: negatiivinen arvo ({value})",
        "sv": "{column}: negativt värde ({value})",
    },
}


@dataclass(frozen=True)
class Problem:
    code: str
    params: Mapping[str, str] = field(default_factory=dict)

    def text(self, language: str = "en") -> str:
        return problem_text(self.code, self.params, language)

    def __str__(self) -> str:
        return self.text("en")


def problem_text(code: str, params: Mapping[str, object], language: str = "en") -> str:
    """The wording of a stored problem; an unknown code (from a later version) shows as is."""
    wording = WORDING.get(code)
    if wording is None:
        return code
    template = wording.get(language[:2], wording["en"])
    try:
        return template.format(**{key: str(value) for key, value in params.items()})
    except (KeyError, IndexError, ValueError):
        return template
