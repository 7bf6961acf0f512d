"""Bulk loading through PostgreSQL COPY, driven by the Django models' own metadata.

A `Table` knows its model's columns, fills every column the caller does not give with the
field's default (as the ORM would), hands out primary keys, and writes a history row ("+"
created, "~" changed) for every row of a model tracked by django-simple-history, with the same
columns simple-history writes. Rows are buffered and sent in batches with `COPY … FROM STDIN`.

Foreign keys are not checked row by row while loading (`session_replication_role = replica`
disables their triggers for this session only); `Loader.check_foreign_keys` checks every one
of them afterwards with one anti-join per constraint, and the load fails if any row points
nowhere. Unique and check constraints stay on during the load.
"""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import Iterable, Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

from django.db import connection
from django.db.models import Field, JSONField, Model, UUIDField
from psycopg.types.json import Jsonb

HISTORY_EXTRA = ("history_id", "history_date", "history_change_reason", "history_type", "history_user_id")


def _default(field: Field, now: datetime) -> Any:
    if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False):
        return now
    if field.has_default():
        value = field.get_default()
    elif field.null:
        return None
    else:
        value = field.get_default()  # "" for text fields, None otherwise
    if isinstance(field, JSONField):
        return Jsonb(value)
    if hasattr(value, "value") and field.choices:  # a TextChoices member
        return value.value
    return value


class Table:
    def __init__(self, loader: Loader, model: type[Model], fields: Sequence[str]):
        self.loader = loader
        self.model = model
        meta = model._meta
        self.name = meta.db_table
        by_name = {f.name: f for f in meta.concrete_fields} | {f.attname: f for f in meta.concrete_fields}
        given = [by_name[name] for name in fields]
        rest = [f for f in meta.concrete_fields if f not in given and not f.primary_key]
        self.pk = meta.pk
        self.uuid_pk = isinstance(self.pk, UUIDField)
        self.columns = [self.pk.column] + [f.column for f in given] + [f.column for f in rest]
        self.consts = tuple(_default(f, loader.now) for f in rest)
        self.buffer: list[tuple[Any, ...]] = []
        self.count = 0
        self.next_id = 1
        self.history: Table | None = None
        self.history_map: list[int] = []
        history = getattr(model, "history", None)
        if history is not None and hasattr(history, "model"):
            hmodel = history.model
            hcols = [f.column for f in hmodel._meta.concrete_fields if f.column not in HISTORY_EXTRA]
            self.history_map = [self.columns.index(c) for c in hcols]
            self.history = HistoryTable(loader, hmodel._meta.db_table, hcols)

    def add(self, *values: Any, pk: Any = None) -> Any:
        """Queue one row: `values` in the order of `fields`; returns its primary key."""
        if pk is None:
            if self.uuid_pk:
                pk = uuid.uuid4()
            else:
                pk = self.next_id
                self.next_id += 1
        row = (pk, *values, *self.consts)
        self.last = row
        self.buffer.append(row)
        if len(self.buffer) >= self.loader.batch:
            self.flush()
        return pk

    last: tuple[Any, ...] = ()

    def add_tracked(self, *values: Any, at: datetime, user_id: int | None = None) -> Any:
        """Queue a row and the "+" history row simple-history writes when it is created."""
        pk = self.add(*values)
        if self.history is not None:
            self.history.add_row(self.last, self.history_map, at, "+", user_id)
        return pk

    def changed(
        self, row: tuple[Any, ...], at: datetime, user_id: int | None, kind: str = "~", **changes: Any
    ) -> tuple[Any, ...]:
        """The history row of a save of `row` with `changes` ("~"; "+" for the creation)."""
        assert self.history is not None
        if changes:
            values = list(row)
            for column, value in changes.items():
                values[self.columns.index(column)] = value
            row = tuple(values)
        self.history.add_row(row, self.history_map, at, kind, user_id)
        return row

    def flush(self) -> None:
        if not self.buffer:
            return
        self.loader.copy(self.name, self.columns, self.buffer)
        self.count += len(self.buffer)
        self.buffer = []


class HistoryTable:
    def __init__(self, loader: Loader, name: str, columns: list[str]):
        self.loader = loader
        self.name = name
        self.columns = [*columns, *HISTORY_EXTRA]
        self.buffer: list[tuple[Any, ...]] = []
        self.count = 0
        self.next_id = 1

    def add_row(
        self, row: tuple[Any, ...], mapping: list[int], at: datetime, kind: str, user_id: int | None
    ) -> None:
        values = [row[i] for i in mapping]
        hid = self.next_id
        self.next_id += 1
        self.buffer.append((*values, hid, at, None, kind, user_id))
        if len(self.buffer) >= self.loader.batch:
            self.flush()

    def flush(self) -> None:
        if not self.buffer:
            return
        self.loader.copy(self.name, self.columns, self.buffer)
        self.count += len(self.buffer)
        self.buffer = []


class Loader:
    def __init__(self, now: datetime, batch: int = 20_000):
        self.now = now
        self.batch = batch
        self.tables: dict[type[Model], Table] = {}
        self.copy_seconds = 0.0

    @property
    def raw(self) -> Any:
        connection.ensure_connection()
        return connection.connection

    def table(self, model: type[Model], fields: Sequence[str]) -> Table:
        table = Table(self, model, fields)
        with connection.cursor() as cursor:
            for t in (table, table.history):
                if t is None or (t is table and table.uuid_pk):
                    continue
                pk = "history_id" if t is table.history else table.pk.column
                cursor.execute(f'SELECT COALESCE(MAX("{pk}"), 0) FROM "{t.name}"')
                t.next_id = cursor.fetchone()[0] + 1
        self.tables[model] = table
        return table

    def begin(self) -> None:
        """Foreign-key triggers off for this session, and the secondary (non-unique) indexes of
        the loaded tables dropped: they are rebuilt in one sort each by `finish`, which is far
        cheaper than maintaining them row by row. Unique indexes and checks stay."""
        self.dropped_indexes: list[str] = []
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = replica")
            cursor.execute("SET synchronous_commit = off")
            cursor.execute("SET maintenance_work_mem = '256MB'")
            cursor.execute("SELECT pg_backend_pid()")
            self.backend_pid = cursor.fetchone()[0]
            cursor.execute(
                """
                SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
                FROM pg_index i
                WHERE i.indrelid::regclass::text = ANY(%s) AND NOT i.indisunique AND NOT i.indisprimary
                """,
                [list(self.counts())],
            )
            for name, definition in cursor.fetchall():
                self.dropped_indexes.append(definition)
                cursor.execute(f"DROP INDEX {name}")

    def server_cpu_seconds(self) -> float | None:
        """CPU time of this session's PostgreSQL backend (same machine only)."""
        try:
            fields = Path(f"/proc/{self.backend_pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            return None
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")

    def rebuild_indexes(self) -> None:
        with connection.cursor() as cursor:
            for definition in self.dropped_indexes:
                cursor.execute(definition)

    def copy(self, table: str, columns: Iterable[str], rows: list[tuple[Any, ...]]) -> None:
        start = time.perf_counter()
        cols = ", ".join(f'"{c}"' for c in columns)
        with self.raw.cursor() as cursor, cursor.copy(f'COPY "{table}" ({cols}) FROM STDIN') as copy:
            for row in rows:
                copy.write_row(row)
        self.copy_seconds += time.perf_counter() - start

    def flush(self) -> None:
        for table in self.tables.values():
            table.flush()
            if table.history is not None:
                table.history.flush()

    def rows(self) -> int:
        return sum(t.count + (t.history.count if t.history else 0) for t in self.tables.values())

    def counts(self) -> dict[str, int]:
        out: dict[str, int] = {}
        for t in self.tables.values():
            out[t.name] = t.count
            if t.history is not None:
                out[t.history.name] = t.history.count
        return out

    def finish(self) -> None:
        """Sequences past the loaded keys, foreign keys checked, statistics refreshed."""
        self.flush()
        with connection.cursor() as cursor:
            cursor.execute("SET session_replication_role = DEFAULT")
            for t in self.tables.values():
                for name, pk, uuid_pk in (
                    (t.name, t.pk.column, t.uuid_pk),
                    (getattr(t.history, "name", None), "history_id", False),
                ):
                    if name is None or uuid_pk:
                        continue
                    cursor.execute(
                        f'SELECT setval(pg_get_serial_sequence(%s, %s), GREATEST((SELECT MAX("{pk}") FROM "{name}"), 1))',
                        [name, pk],
                    )

    def check_foreign_keys(self) -> int:
        """Every foreign key of every loaded table, checked with one anti-join; raises on the first
        dangling reference. Returns the number of constraints checked."""
        names = list(self.counts())
        checked = 0
        with connection.cursor() as cursor:
            cursor.execute(
                """
                SELECT c.conrelid::regclass::text, a.attname, c.confrelid::regclass::text, af.attname, c.conname
                FROM pg_constraint c
                JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = c.conkey[1]
                JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = c.confkey[1]
                WHERE c.contype = 'f' AND c.conrelid::regclass::text = ANY(%s)
                """,
                [names],
            )
            for child, col, parent, pcol, conname in cursor.fetchall():
                cursor.execute(
                    f'SELECT c."{col}" FROM {child} c WHERE c."{col}" IS NOT NULL AND NOT EXISTS '
                    f'(SELECT 1 FROM {parent} p WHERE p."{pcol}" = c."{col}") LIMIT 1'
                )
                bad = cursor.fetchone()
                if bad is not None:
                    raise RuntimeError(f"{conname}: {child}.{col} = {bad[0]} has no {parent} row")
                checked += 1
        return checked

    def analyze(self) -> None:
        with connection.cursor() as cursor:
            for name in self.counts():
                cursor.execute(f'ANALYZE "{name}"')
