"""In-app notifications and their e-mail copies.

Services call `notification_send` inside their transaction; the rows appear in the app at once
and the e-mail goes out as a background task only after the transaction commits.
"""
