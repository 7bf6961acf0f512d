"""A parser problem as a sentence in the reader's language: "row 12, column date: …".

The pure parsers write English templates (marked for the catalogue with `gettext_noop`); this
translates the template, then fills in its values."""

from __future__ import annotations

from django.utils.translation import gettext as _

from urdun.imports.parsers import Problem
from urdun.imports.parsers.types import MESSAGES


def problem_text(p: Problem) -> str:
    template = MESSAGES.get(p.code)
    try:
        message = _(template).format(**p.params) if template else p.message
    except (KeyError, IndexError):
        message = p.message
    where = []
    if p.row is not None:
        where.append(_("row %(row)s") % {"row": p.row})
    if p.column:
        where.append(_("column %(column)s") % {"column": p.column})
    return f"{', '.join(where)}: {message}" if where else message
