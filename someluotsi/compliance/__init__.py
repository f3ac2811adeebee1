"""The post checker's Django shell: runs the pure guideline engine for signed-in users and keeps
a record of each check (who, when, verdict, rule ids, rulebook version; the text only when its
author chooses to save it). Detection logic never lives here."""
