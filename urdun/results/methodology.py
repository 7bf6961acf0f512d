"""What results read of a methodology version: its bands (best first) and its publication rules."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import get_language

DEFAULT_PUBLICATION_THRESHOLD = 5


def _label(band: dict[str, Any]) -> str:
    """A band's label in the page's language when the version holds it, else as stored (mn)."""
    label = band.get("label", "")
    if isinstance(label, dict):
        return label.get(get_language() or "mn") or label.get("mn") or next(iter(label.values()), "")
    return str(label)


def band_letters_and_labels(methodology: Any) -> tuple[list[str], list[str]]:
    bands = sorted(methodology.rating_bands, key=lambda b: Decimal(str(b["threshold"])), reverse=True)
    return [b["letter"] for b in bands], [_label(b) for b in bands]


def publication_threshold(methodology: Any) -> int:
    value = getattr(methodology, "publication_threshold", None)
    return int(value) if value else DEFAULT_PUBLICATION_THRESHOLD
