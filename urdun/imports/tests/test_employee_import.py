import io

from openpyxl import Workbook

from urdun.imports.employees import ImportRefused, commit_employees, parse_employees
from urdun.organizations.models import Employee


def _xlsx(rows):
    wb = Workbook()
    for r in rows:
        wb.active.append(r)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


CSV_OK = (
    "овог,нэр,албан тушаал,нэгж,username\nБ,Болд,Мэргэжилтэн,НБХ,bold\nД,Сараа,Ахлах мэргэжилтэн,ТЗУХ,saraa\n"
)


def test_it_imports_good_csv(world):
    result = parse_employees(CSV_OK.encode(), "people.csv", world.org)
    assert result.problems == []
    commit_employees(result, world.org)
    bold = Employee.objects.get(user__username="bold")
    assert (bold.short_name, bold.unit.abbreviation, bold.organization.code) == ("Б.Болд", "НБХ", "org")


def test_reimport_updates_instead_of_duplicating(world):
    commit_employees(parse_employees(CSV_OK.encode(), "p.csv", world.org), world.org)
    again = CSV_OK.replace("Мэргэжилтэн,НБХ,bold", "Ахлах,НБХ,bold")
    result = commit_employees(parse_employees(again.encode(), "p.csv", world.org), world.org)
    assert (result.created, result.updated) == (0, 2)
    assert Employee.objects.get(user__username="bold").position == "Ахлах"


def test_it_reports_every_bad_row_and_writes_nothing(client, world):
    data = _xlsx(
        [
            ["family_name", "given_name", "unit", "username", "category"],
            ["Б", "Болд", "НБХ", "bold", "core"],
            ["", "Сараа", "ҮГҮЙ", "saraa", "core"],
            ["Д", "Дорж", "НБХ", "bold", "wizard"],
            ["Э", "Энх", "НБХ", "zed", ""],
        ]
    )
    before = Employee.objects.count()
    client.force_login(world.people["orgadmin"].user)
    from django.core.files.uploadedfile import SimpleUploadedFile

    r = client.post("/imports/employees/org/", {"file": SimpleUploadedFile("p.xlsx", data)})
    assert r.status_code == 200
    problems = {(p.row, p.column) for p in r.context["result"].problems}
    assert problems == {(3, "family_name"), (3, "unit"), (4, "username"), (4, "category"), (5, "username")}
    assert Employee.objects.count() == before


def test_formulas_are_refused(world):
    import pytest

    data = _xlsx([["family_name", "given_name"], ["Б", '=HYPERLINK("x")']])
    with pytest.raises(ImportRefused):
        parse_employees(data, "p.xlsx", world.org)


def test_random_bytes_get_a_clear_message(world):
    import os

    import pytest

    with pytest.raises(ImportRefused):
        parse_employees(b"PK" + os.urandom(500), "p.xlsx", world.org)
    with pytest.raises(ImportRefused):
        parse_employees(os.urandom(500) + b"\xff\xfe", "p.csv", world.org)


def test_missing_columns_are_named(world):
    import pytest

    with pytest.raises(ImportRefused) as e:
        parse_employees(b"name,position\nA,B\n", "p.csv", world.org)
    assert "family_name" in e.value.message


def test_plain_employee_cannot_open_the_import(client, world):
    client.force_login(world.people["alice"].user)
    assert client.get("/imports/employees/org/").status_code == 403
    client.force_login(world.people["zed"].user)
    assert client.get("/imports/employees/org/").status_code == 404
