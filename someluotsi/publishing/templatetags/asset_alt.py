"""`{% asset_alt asset %}`: an image's `alt` attribute in the reader's language where the asset
has it (Asset.alt_for: Swedish for a Swedish page when given, else Finnish), with `lang` when
the text is not in the page's language, so that a screen reader reads it in the right voice."""

from __future__ import annotations

from django import template
from django.utils.html import format_html
from django.utils.safestring import SafeString
from django.utils.translation import get_language

from someluotsi.publishing.models import Asset

register = template.Library()


@register.simple_tag
def asset_alt(asset: Asset) -> SafeString:
    page_language = (get_language() or "fi")[:2]
    text, language = asset.alt_for(page_language)
    if language == page_language:
        return format_html('alt="{}"', text)
    return format_html('alt="{}" lang="{}"', text, language)
