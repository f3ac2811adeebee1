"""The command line's error messages in Finnish, Swedish and English.

`someluotsi check --lang fi|sv|en` (and a batch line's "ui_language") asks for the language
of the report; its errors come in that language too. Without `--lang` they are in English,
as they always were. Every message says what was wrong in words the user knows: the valid
values of an option or a field are listed with what they mean ("elected (luottamushenkilö)"),
never as a Python class name ("'x' is not a valid AuthorRole").

`say(key, language, **fields)` gives one message; `CliInputError` carries a message key and its
fields from where a problem is found to where its language is known (a batch line's).
"""

from __future__ import annotations

import re

LANGUAGES = ("fi", "sv", "en")
DEFAULT_LANGUAGE = "en"  # the language of the errors when none is asked for

# What each valid value of an option or field means, per language, in the order shown.
VALUE_WORDS: dict[str, dict[str, dict[str, str]]] = {
    "role": {
        "employee": {"fi": "kaupungin työntekijä", "sv": "stadens anställd", "en": "city employee"},
        "elected": {"fi": "luottamushenkilö", "sv": "förtroendevald", "en": "elected official"},
        "organization": {
            "fi": "kaupungin organisaation tili",
            "sv": "stadens organisationskonto",
            "en": "the city's organisation account",
        },
        "expert": {
            "fi": "asiantuntija omalla alallaan",
            "sv": "sakkunnig inom sitt område",
            "en": "a subject expert",
        },
    },
    "channel": {
        "city": {"fi": "kaupungin kanava", "sv": "stadens kanal", "en": "the city's channel"},
        "unit": {"fi": "yksikön kanava", "sv": "enhetens kanal", "en": "a unit's channel"},
        "office_role": {
            "fi": "viran tai tehtävän tili",
            "sv": "ett tjänstekonto",
            "en": "an office's account",
        },
        "expert": {
            "fi": "asiantuntijan kanava",
            "sv": "en experts kanal",
            "en": "an expert's channel",
        },
        "personal": {"fi": "oma kanava", "sv": "egen kanal", "en": "a personal channel"},
    },
    "language": {
        "fi": {"fi": "suomi", "sv": "finska", "en": "Finnish"},
        "sv": {"fi": "ruotsi", "sv": "svenska", "en": "Swedish"},
        "en": {"fi": "englanti", "sv": "engelska", "en": "English"},
    },
    "format": {
        "text": {"fi": "luettava teksti", "sv": "läsbar text", "en": "readable text"},
        "json": {"fi": "JSON", "sv": "JSON", "en": "JSON"},
    },
    "fail-on": {
        "never": {"fi": "ei koskaan", "sv": "aldrig", "en": "never"},
        "warn": {
            "fi": "varoitus tai esto",
            "sv": "varning eller stopp",
            "en": "a warning or a block",
        },
        "block": {"fi": "esto", "sv": "stopp", "en": "a block"},
    },
    "command": {
        "check": {"fi": "tarkista julkaisu", "sv": "granska inlägget", "en": "check a post"},
        "triage": {
            "fi": "lajittele viesti",
            "sv": "sortera ett meddelande",
            "en": "sort a message",
        },
        "eval": {
            "fi": "arvioi tunnistimet",
            "sv": "utvärdera detektorerna",
            "en": "score the detectors",
        },
        "storms": {"fi": "arvioi kohut", "sv": "utvärdera stormar", "en": "score the storms"},
    },
}
# The kind of values of each option or field (`VALUE_WORDS`).
OPTION_KINDS = {
    "--role": "role",
    "role": "role",
    "--channel": "channel",
    "channel": "channel",
    "--lang": "language",
    "--language": "language",
    "language": "language",
    "ui_language": "language",
    "--format": "format",
    "--fail-on": "fail-on",
    "COMMAND": "command",
}

MESSAGES: dict[str, dict[str, str]] = {
    "error": {"fi": "virhe", "sv": "fel", "en": "error"},
    "empty_text": {
        "fi": "ei tarkistettavaa: teksti on tyhjä tai pelkkää tyhjää tilaa ja näkymättömiä "
        "merkkejä",
        "sv": "inget att granska: texten är tom eller bara blanksteg och osynliga tecken",
        "en": "nothing to check: the text is empty or only white space and invisible characters",
    },
    "too_long": {
        "fi": "tekstissä on {count} merkkiä; enintään {limit} voidaan tarkistaa",
        "sv": "texten har {count} tecken; högst {limit} kan granskas",
        "en": "The text has {count} characters; the limit is {limit}.",
    },
    # A character no typed text may hold (text/refused.py), as the pages and the API say it.
    "refused_nul": {
        "fi": "tekstissä on NUL-merkki ({code}) merkin {position} kohdalla; poista se ja yritä "
        "uudelleen",
        "sv": "texten har ett NUL-tecken ({code}) vid tecken {position}; ta bort det och försök "
        "igen",
        "en": "the text has a NUL character ({code}) at character {position}; remove it and try "
        "again",
    },
    "refused_control": {
        "fi": "tekstissä on näkymätön ohjausmerkki ({code}) merkin {position} kohdalla; poista "
        "se ja yritä uudelleen",
        "sv": "texten har ett osynligt styrtecken ({code}) vid tecken {position}; ta bort det "
        "och försök igen",
        "en": "the text has an invisible control character ({code}) at character {position}; "
        "remove it and try again",
    },
    "refused_noncharacter": {
        "fi": "tekstissä on merkki, joka ei kuulu tekstiin ({code}), merkin {position} "
        "kohdalla; poista se ja yritä uudelleen",
        "sv": "texten har ett tecken som inte hör till text ({code}) vid tecken {position}; ta "
        "bort det och försök igen",
        "en": "the text has a character that is not meant for text ({code}) at character "
        "{position}; remove it and try again",
    },
    "refused_surrogate": {
        "fi": "tekstissä on rikkinäinen merkki (yksinäinen sijaismerkki {code}) merkin "
        "{position} kohdalla; poista se ja yritä uudelleen",
        "sv": "texten har ett trasigt tecken (ett ensamt surrogattecken, {code}) vid tecken "
        "{position}; ta bort det och försök igen",
        "en": "the text has a broken character (a lone surrogate, {code}) at character "
        "{position}; remove it and try again",
    },
    "invalid_utf8": {
        "fi": "syöte ei ole kelvollista UTF-8-tekstiä (virheellinen tavu merkin {position} "
        "kohdalla); tallenna teksti UTF-8-muodossa ja yritä uudelleen",
        "sv": "indata är inte giltig UTF-8-text (en ogiltig byte vid tecken {position}); spara "
        "texten som UTF-8 och försök igen",
        "en": "the input is not valid UTF-8 text (an invalid byte at character {position}); "
        "save the text as UTF-8 and try again",
    },
    "invalid_choice": {
        "fi": "{option}: '{value}' ei käy; valitse jokin näistä: {choices}",
        "sv": "{option}: '{value}' går inte; välj ett av: {choices}",
        "en": "{option}: '{value}' is not allowed; choose one of: {choices}",
    },
    "field_choice": {
        "fi": "kentän '{option}' arvo '{value}' ei käy; valitse jokin näistä: {choices}",
        "sv": "värdet '{value}' i fältet '{option}' går inte; välj ett av: {choices}",
        "en": "'{value}' is not allowed in '{option}'; choose one of: {choices}",
    },
    "needs_value": {
        "fi": "{option} tarvitsee arvon",
        "sv": "{option} behöver ett värde",
        "en": "{option} needs a value",
    },
    "not_a_number": {
        "fi": "{option}: '{value}' ei ole kokonaisluku",
        "sv": "{option}: '{value}' är inget heltal",
        "en": "{option}: '{value}' is not a whole number",
    },
    "unknown_arguments": {
        "fi": "tuntemattomia argumentteja: {arguments}",
        "sv": "okända argument: {arguments}",
        "en": "unknown arguments: {arguments}",
    },
    "required": {
        "fi": "nämä puuttuvat: {arguments}",
        "sv": "dessa saknas: {arguments}",
        "en": "these are missing: {arguments}",
    },
    "ambiguous": {
        "fi": "{option} voi tarkoittaa näistä useampaa: {matches}",
        "sv": "{option} kan betyda flera av: {matches}",
        "en": "{option} could mean more than one of: {matches}",
    },
    "dash_hint": {
        "fi": 'Viivalla "-" alkava teksti annetaan "--":n jälkeen tai vakiosyötteessä: '
        'someluotsi {command} -- "-hei"',
        "sv": 'En text som börjar med "-" ges efter "--" eller på standard in: '
        'someluotsi {command} -- "-hei"',
        "en": 'A text that starts with "-" goes after "--", or on standard input: '
        'someluotsi {command} -- "-hei"',
    },
    "text_argument": {
        "fi": "teksti-argumenttia",
        "sv": "ett textargument",
        "en": "a text argument",
    },
    "batch_conflict": {
        "fi": "--batch lukee JSON-rivejä vakiosyötteestä ja kirjoittaa JSON-rivejä; se ei ota "
        "{what}",
        "sv": "--batch läser JSON-rader från standard in och skriver JSON-rader; det tar inte "
        "{what}",
        "en": "--batch reads JSON lines from standard input and writes JSON lines; it does not "
        "take {what}",
    },
    "media_option": {
        "fi": "--media: {problem}",
        "sv": "--media: {problem}",
        "en": "--media: {problem}",
    },
    "media_list": {
        "fi": "'media' on oltava luettelo, jossa on enintään {count} objektia",
        "sv": "'media' ska vara en lista med högst {count} objekt",
        "en": "'media' must be a list of at most {count} objects",
    },
    "media_kind": {
        "fi": "jokainen media-objekti tarvitsee kentän 'kind': image (kuva), video tai file "
        "(tiedosto)",
        "sv": "varje medieobjekt behöver fältet 'kind': image (bild), video eller file (fil)",
        "en": "each media object needs 'kind': image, video or file",
    },
    "media_fields": {
        "fi": "tuntemattomia media-kenttiä: {fields} (sallitut: kind, alt, captions, filename)",
        "sv": "okända mediefält: {fields} (tillåtna: kind, alt, captions, filename)",
        "en": "unknown media fields: {fields} (allowed: kind, alt, captions, filename)",
    },
    "media_strings": {
        "fi": "median 'alt' ja 'filename' ovat tekstiä",
        "sv": "mediets 'alt' och 'filename' ska vara text",
        "en": "media 'alt' and 'filename' must be strings",
    },
    "media_captions": {
        "fi": "median 'captions' on true tai false",
        "sv": "mediets 'captions' ska vara true eller false",
        "en": "media 'captions' must be true or false",
    },
    "not_json": {
        "fi": "ei kelvollista JSONia (merkin {position} kohdalla)",
        "sv": "ingen giltig JSON (vid tecken {position})",
        "en": "not valid JSON (at character {position})",
    },
    "not_json_value": {
        "fi": "ei kelvollista JSONia: {value}",
        "sv": "ingen giltig JSON: {value}",
        "en": "not valid JSON: {value}",
    },
    "nested": {
        "fi": "JSON on sisäkkäin liian syvälle",
        "sv": "JSON är för djupt kapslad",
        "en": "the JSON is nested too deeply",
    },
    "blank_line": {"fi": "tyhjä rivi", "sv": "en tom rad", "en": "a blank line"},
    "needs_text": {
        "fi": "rivi tarvitsee JSON-objektin, jossa on tekstikenttä 'text'",
        "sv": "raden behöver ett JSON-objekt med textfältet 'text'",
        "en": "the line needs a JSON object with a string 'text'",
    },
    "cannot_check": {
        "fi": "riviä ei voi tarkistaa: {detail}",
        "sv": "raden kan inte granskas: {detail}",
        "en": "the line cannot be checked: {detail}",
    },
    "output_error": {
        "fi": "tulostetta ei voitu kirjoittaa: {detail}",
        "sv": "utdata kunde inte skrivas: {detail}",
        "en": "The output could not be written: {detail}",
    },
    "rulebook": {
        "fi": "säännöstöä ei voi käyttää: {detail}",
        "sv": "regelboken kan inte användas: {detail}",
        "en": "{detail}",
    },
}


def language_of(value: object) -> str:
    """`value` if it is a language of the messages, else the default (English)."""
    return value if isinstance(value, str) and value in LANGUAGES else DEFAULT_LANGUAGE


def number(value: int, language: str) -> str:
    """A whole number with its thousands grouped as the language writes them ("100 000" in
    Finnish and Swedish, "100,000" in English)."""
    grouped = f"{value:,}"
    return grouped if language == "en" else grouped.replace(",", "\u00a0")


def choices(kind: str, language: str) -> str:
    """The valid values of a kind (`VALUE_WORDS`) with their meaning: "fi (suomi), sv
    (ruotsi), en (englanti)"."""
    return ", ".join(
        f"{value} ({words[language]})" if words[language] != value else value
        for value, words in VALUE_WORDS[kind].items()
    )


def say(key: str, language: str, **fields: object) -> str:
    """The message `key` of `MESSAGES` in `language` (fi, sv or en; anything else: English)
    with its fields filled in (whole numbers grouped as the language writes them)."""
    language = language_of(language)
    shown = {
        name: number(value, language)
        if isinstance(value, int) and not isinstance(value, bool)
        else value
        for name, value in fields.items()
    }
    return MESSAGES[key][language].format(**shown)


class CliInputError(ValueError):
    """A problem with the user's input, said in the user's language when that is known:
    `key` names the message of `MESSAGES`, `fields` fill it. `str()` gives the English."""

    def __init__(self, key: str, **fields: object) -> None:
        self.key = key
        self.fields = fields
        super().__init__(self.text(DEFAULT_LANGUAGE))

    def text(self, language: str) -> str:
        """The message in `language` (a "field_choice" lists the field's valid values in
        it)."""
        if self.key == "field_choice":
            option, value = str(self.fields["option"]), self.fields["value"]
            return bad_value(option, value, language, field=True)
        return say(self.key, language, **self.fields)


def bad_value(option: str, value: object, language: str, *, field: bool = False) -> str:
    """The message for a value that an option (`--role`) or a batch field (`role`) does not
    take, with the valid values in words."""
    kind = OPTION_KINDS.get(option)
    listed = choices(kind, language) if kind else ""
    return say(
        "field_choice" if field else "invalid_choice",
        language,
        option=option,
        value=str(value)[:80],
        choices=listed,
    )


# argparse's own messages (Python 3.11+), read back into ours.
_ARGPARSE = (
    (re.compile(r"argument (?P<option>[^:]+): invalid choice: '(?P<value>.*)' \(choose from "), ""),
    (
        re.compile(r"argument (?P<option>[^:]+): expected (?:one|at least one) argument"),
        "needs_value",
    ),
    (re.compile(r"argument (?P<option>[^:]+): invalid int value: '(?P<value>.*)'"), "not_a_number"),
    (re.compile(r"unrecognized arguments: (?P<arguments>.*)"), "unknown_arguments"),
    (re.compile(r"the following arguments are required: (?P<arguments>.*)"), "required"),
    (re.compile(r"ambiguous option: (?P<option>\S+) could match (?P<matches>.*)"), "ambiguous"),
)


def usage_error(message: str, language: str) -> str:
    """An argparse error message in `language`: the invalid choice, missing value, unknown
    argument, missing argument, ambiguous option and not-a-number errors are said anew
    (an option's long name: "--role", not "--role/-r"); any other is argparse's own."""
    for pattern, key in _ARGPARSE:
        found = pattern.match(message)
        if found is None:
            continue
        fields = found.groupdict()
        if "option" in fields:
            fields["option"] = fields["option"].split("/")[-1]
        if not key:
            return bad_value(fields["option"], fields["value"], language)
        return say(key, language, **fields)
    return message
