"""Import notes: readings of a file that were not literal ("100 хувь" read as 100, "ХБ" as not
yet due, "2019.12.31" as quarter IV), in the shape kept with the imported plan or sheet and
exported under `import_notes`: {row, column, written, read, message} (plus the stable `code`)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from urdun.imports.parsers import Problem
from urdun.imports.parsers.types import MESSAGES


def note_message(p: Problem) -> str:
    template = MESSAGES.get(p.code)
    try:
        return _(template).format(**p.params) if template else p.message
    except (KeyError, IndexError):
        return p.message


def note_dicts(problems: list[Problem]) -> list[dict[str, Any]]:
    return [
        {
            "row": p.row,
            "column": p.column or "",
            "written": p.written or "",
            "read": p.read or "",
            "message": note_message(p),
            "code": p.code,
        }
        for p in problems
        if p.severity == "note"
    ]
