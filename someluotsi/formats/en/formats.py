"""English as written in Finland: day before month, the 24-hour clock, weeks from Monday.

Django's English formats are American ("11/30/2026 2:30 a.m."), which a Finnish or Swedish
reader of the English interface misreads as the 11th of the 30th month; these are the
international (en-GB/ISO-like) ones: "30 Nov 2026 02:30"."""

DATE_FORMAT = "j F Y"  # 30 November 2026
TIME_FORMAT = "H:i"  # 02:30
DATETIME_FORMAT = "j F Y H:i"
YEAR_MONTH_FORMAT = "F Y"
MONTH_DAY_FORMAT = "j F"
SHORT_DATE_FORMAT = "j M Y"  # 30 Nov 2026: no order to misread
SHORT_DATETIME_FORMAT = "j M Y H:i"
FIRST_DAY_OF_WEEK = 1  # Monday
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d.%m.%Y", "%d/%m/%Y", "%d %b %Y", "%d %B %Y"]
TIME_INPUT_FORMATS = ["%H:%M", "%H:%M:%S", "%H.%M"]
DATETIME_INPUT_FORMATS = [
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%dT%H:%M",
    "%d.%m.%Y %H:%M",
    "%d.%m.%Y %H.%M",
    "%d/%m/%Y %H:%M",
]
