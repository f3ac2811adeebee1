"""What the inbox tells the apps above it, so that it never imports them (docs/architecture.md).

`messages_ingested` is sent by `services.message_ingest` after it stored new messages (never for
an empty batch), inside its transaction, with `messages`: the new `Message` rows. A receiver that
starts work on them waits for the commit (`transaction.on_commit`). The storm detection of the
incidents app listens (incidents/apps.py).
"""

from __future__ import annotations

from django.dispatch import Signal

messages_ingested = Signal()
