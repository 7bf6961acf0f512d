"""The organization tree (Organization.parent): national body → aimag offices → soums, agencies.

One recursive query answers "which organizations are under these", on SQLite and PostgreSQL
alike, whatever the depth.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import connection

from urdun.organizations.models import Organization

_TABLE = Organization._meta.db_table


def subtree_sql(root_placeholders: str) -> str:
    """SQL selecting (id, top) for every organization under the roots, the roots included;
    `top` is the root the row descends from."""
    return (
        f"WITH RECURSIVE sub(id, top) AS ("  # noqa: S608 - the table name from the model, ids as parameters
        f' SELECT id, id FROM "{_TABLE}" WHERE id IN ({root_placeholders})'
        f' UNION ALL SELECT o.id, sub.top FROM "{_TABLE}" o JOIN sub ON o.parent_id = sub.id'
        f") SELECT id, top FROM sub"
    )


def subtree_ids(roots: Iterable[int]) -> set[int]:
    """The roots and every organization below them (one query)."""
    roots = list(roots)
    if not roots:
        return set()
    with connection.cursor() as cursor:
        cursor.execute(subtree_sql(", ".join(["%s"] * len(roots))), roots)
        return {row[0] for row in cursor.fetchall()}
