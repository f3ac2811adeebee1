"""Detectors: each looks for one area of the guideline and reports `Match`es with a rule id, a
span of the original text, a confidence and the reason. They never decide severity: that is the
rulebook's job."""
