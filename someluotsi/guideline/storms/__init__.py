"""Storm (somekohu) detection: signals over a channel's recent messages against its own baseline."""
