"""Bulk import of employees from XLSX or CSV: every bad row is reported, nothing is written
unless every row is good."""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from urdun.organizations.models import Employee, Organization, User
from urdun.organizations.services import save_employee, unit_lookup

# Accepted header names (lower-cased) for each column, in English and Mongolian.
COLUMNS = {
    "family_name": ("family_name", "family name", "овог"),
    "given_name": ("given_name", "given name", "нэр"),
    "position": ("position", "албан тушаал"),
    "unit": ("unit", "нэгж", "хэлтэс"),
    "category": ("category", "ангилал"),
    "username": ("username", "нэвтрэх нэр"),
    "email": ("email", "e-mail", "и-мэйл"),
}
REQUIRED = ("family_name", "given_name")
CATEGORY_WORDS = {
    **{c.value: c.value for c in Employee.Category},
    "төрийн жинхэнэ": "core",
    "төрийн захиргааны": "administrative",
    "төрийн үйлчилгээний": "service",
    "туслах": "support",
}


@dataclass
class RowProblem:
    row: int
    column: str
    message: str


@dataclass
class EmployeeImport:
    rows: list[dict[str, str]] = field(default_factory=list)
    problems: list[RowProblem] = field(default_factory=list)
    created: int = 0
    updated: int = 0


class ImportRefused(Exception):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _read_table(data: bytes, filename: str) -> list[list[str]]:
    if data.startswith(b"PK"):
        try:
            from openpyxl import load_workbook

            book = load_workbook(io.BytesIO(data), read_only=True, data_only=False)
        except (zipfile.BadZipFile, KeyError, ValueError, OSError) as e:
            raise ImportRefused(_("The file is not a readable XLSX workbook.")) from e
        rows = []
        for values in book.active.iter_rows(values_only=True):
            cells = ["" if v is None else str(v).strip() for v in values]
            if any(c.startswith("=") for c in cells):
                raise ImportRefused(_("The workbook contains formulas; enter plain values instead."))
            rows.append(cells)
        return rows
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        raise ImportRefused(_("The file is neither an XLSX workbook nor UTF-8 CSV text.")) from e
    if "\x00" in text:
        raise ImportRefused(_("The file is neither an XLSX workbook nor UTF-8 CSV text."))
    dialect = csv.excel_tab if text.count("\t") > text.count(",") else csv.excel
    return [[c.strip() for c in row] for row in csv.reader(io.StringIO(text), dialect)]


def parse_employees(data: bytes, filename: str, organization: Organization) -> EmployeeImport:
    result = EmployeeImport()
    table = [r for r in _read_table(data, filename) if any(r)]
    if not table:
        raise ImportRefused(_("The file is empty."))
    header = [h.strip().lower() for h in table[0]]
    index: dict[str, int] = {}
    for key, names in COLUMNS.items():
        for i, h in enumerate(header):
            if h in names:
                index[key] = i
    missing = [k for k in REQUIRED if k not in index]
    if missing:
        raise ImportRefused(
            _("The header row lacks the columns: %(columns)s.") % {"columns": ", ".join(missing)}
        )
    units = unit_lookup(organization)
    seen_usernames: dict[str, int] = {}
    usernames = [
        r[index["username"]] for r in table[1:] if "username" in index and index["username"] < len(r)
    ]
    existing = set(User.objects.filter(username__in=usernames).values_list("username", flat=True))
    own_usernames = set(
        Employee.objects.filter(organization=organization, user__username__in=usernames).values_list(
            "user__username", flat=True
        )
    )
    for n, raw in enumerate(table[1:], start=2):
        row = {k: (raw[i] if i < len(raw) else "") for k, i in index.items()}
        for key in REQUIRED:
            if not row.get(key):
                result.problems.append(RowProblem(n, key, _("This value is required.")))
        unit = row.get("unit", "")
        if unit and unit.lower() not in units:
            result.problems.append(
                RowProblem(n, "unit", _("No unit “%(unit)s” in this organization.") % {"unit": unit})
            )
        category = row.get("category", "").lower()
        if category and category not in CATEGORY_WORDS:
            result.problems.append(
                RowProblem(
                    n,
                    "category",
                    _("Unknown civil-service category “%(value)s”.") % {"value": row["category"]},
                )
            )
        username = row.get("username", "")
        if username:
            if username in seen_usernames:
                result.problems.append(
                    RowProblem(
                        n,
                        "username",
                        _("The username is also used on row %(row)d.") % {"row": seen_usernames[username]},
                    )
                )
            seen_usernames[username] = n
            try:
                User.username_validator(username)
            except ValidationError:
                result.problems.append(
                    RowProblem(
                        n, "username", _("The username may contain only letters, digits and @/./+/-/_.")
                    )
                )
            else:
                if username in existing and username not in own_usernames:
                    result.problems.append(
                        RowProblem(
                            n, "username", _("The username belongs to someone in another organization.")
                        )
                    )
        email = row.get("email", "")
        if email and "@" not in email:
            result.problems.append(RowProblem(n, "email", _("Enter a valid e-mail address.")))
        result.rows.append(row)
    return result


def commit_employees(result: EmployeeImport, organization: Organization) -> EmployeeImport:
    """Write every row in one transaction; refuse if any row has a problem."""
    if result.problems:
        raise ImportRefused(_("Nothing was imported: correct the rows listed and upload again."))
    units = unit_lookup(organization)
    with transaction.atomic():
        for row in result.rows:
            employee = None
            if row.get("username"):
                employee = Employee.objects.filter(
                    user__username=row["username"], organization=organization
                ).first()
            if employee is None:
                employee = Employee(organization=organization)
                result.created += 1
            else:
                result.updated += 1
            employee.family_name = row["family_name"]
            employee.given_name = row["given_name"]
            employee.position = row.get("position", "")
            employee.email = row.get("email", "")
            unit = row.get("unit", "")
            employee.unit_id = units.get(unit.lower()) if unit else None
            if row.get("category"):
                employee.category = CATEGORY_WORDS[row["category"].lower()]
            save_employee(employee, row.get("username", ""))
    return result
