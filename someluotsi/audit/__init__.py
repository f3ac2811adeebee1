"""The append-only audit trail.

Services record every state change with `audit_record`; views record every display of a person's
or a message's personal data. Events are never edited or deleted: the model refuses it, the
database refuses it (triggers), and neither the UI nor the API offers it.
"""
