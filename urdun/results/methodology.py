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


def rules(methodology: Any) -> Any:
    """The version's publication and calibration rules, or None for the defaults."""
    from urdun.results.models import ResultRules

    return ResultRules.objects.filter(methodology=methodology).first()


def publication_threshold(methodology: Any) -> int:
    found = rules(methodology)
    return found.publication_threshold if found else DEFAULT_PUBLICATION_THRESHOLD


def guideline(methodology: Any) -> dict[str, str] | None:
    """{"band": "A", "max_share": "30.0"} when the version sets a ceiling; none by default."""
    found = rules(methodology)
    if found is None or not found.guideline_band or found.guideline_max_share is None:
        return None
    return {"band": found.guideline_band, "max_share": str(found.guideline_max_share)}
