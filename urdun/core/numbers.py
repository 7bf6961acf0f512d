"""The one rounding rule, the one mean and the one way to write a figure.

Every app imports these (organizations, plans, performance, documents, imports): a sheet's parts,
a plan's implementation percentages and the importers' checks of the paper's own sums all round
the same way. Pure: no Django, no ORM.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0")
ONE_PLACE = Decimal("0.1")
HUNDRED = Decimal("100")


def round1(value: Decimal | int | str) -> Decimal:
    """One decimal place, rounded half up (METHODOLOGY.md part A). The only rounding rule."""
    return Decimal(value).quantize(ONE_PLACE, rounding=ROUND_HALF_UP)


def mean(values: Sequence[Decimal]) -> Decimal | None:
    """Unrounded arithmetic mean, or None when there is nothing to average."""
    if not values:
        return None
    return sum(values, ZERO) / Decimal(len(values))


def fmt(value: Decimal | None) -> str | None:
    """A stored value as written on paper: 60, 7, 57.5 (no trailing zeros, never an exponent)."""
    if value is None:
        return None
    return format(Decimal(value).normalize(), "f")


def fmt1(value: Decimal | None) -> str | None:
    """A computed figure with one decimal place: 68.8, 14.0 (rounded by :func:`round1`)."""
    if value is None:
        return None
    return str(round1(value))
