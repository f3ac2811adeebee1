"""Finnish: Django's forms, with the clock as the documents' moments write it
(core.times.moment_text: "3.11.2026 klo 09.10"), not "3.11.2026 9.10" beside it."""

SHORT_DATETIME_FORMAT = r"j.n.Y \k\l\o H.i"  # 3.11.2026 klo 09.10
FIRST_DAY_OF_WEEK = 1  # Monday
