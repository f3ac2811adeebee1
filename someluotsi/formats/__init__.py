"""Date and number formats per language where Django's own do not suit a Finnish city
(settings.FORMAT_MODULE_PATH)."""
