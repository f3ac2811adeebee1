"""Swedish as written in Finland: the day first with full stops ("3.11.2026"), the clock with
full stops ("kl. 09.10"), as the documents' moments (core.times.moment_text) write them.

Django's Swedish short forms are Sweden's ISO ones ("2026-11-03 09:10"), which mixed on one
page with "3.12.2026 kl. 09.19.58"; longer forms are Django's ("3 december 2026")."""

SHORT_DATE_FORMAT = "j.n.Y"  # 3.11.2026
SHORT_DATETIME_FORMAT = r"j.n.Y \k\l. H.i"  # 3.11.2026 kl. 09.10
DATETIME_FORMAT = r"j F Y \k\l. H.i"  # 3 november 2026 kl. 09.10
FIRST_DAY_OF_WEEK = 1  # Monday
