"""Importing seed 000: the tree, the responsibles, idempotent re-imports, the command."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from urdun.imports import demo_plans
from urdun.imports.demo import load_organizations
from urdun.imports.plan_import import commit_plan, commit_plan_summary, read_plan
from urdun.organizations.models import Employee, Organization
from urdun.plans.models import Action, Assessment, Objective, Plan, ProgressReport, Responsible, Section

SEED = demo_plans.seed_path()
SEP = re.compile(r"[\s,;\-]")


def seed_rows() -> list[list[str]]:
    """The seed's action rows, read independently of the parser: a line whose first cell is a
    row number (objective cells are blank after an objective's first row)."""
    rows = []
    for line in SEED.read_text(encoding="utf-8").splitlines():
        cells = line.split("\t")
        if len(cells) >= 7 and cells[0].strip().isdigit():
            rows.append([c.strip() for c in cells])
    return rows


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def bayan_ulgii(db):
    load_organizations()
    return Organization.objects.get(code="bayan-ulgii")


@pytest.fixture
def seed_plan(bayan_ulgii):
    return commit_plan(read_plan(SEED.read_bytes(), SEED.name), bayan_ulgii)


def test_the_seed_has_5_sections_15_objectives_37_actions(seed_plan):
    assert Section.objects.filter(plan=seed_plan).count() == 5
    assert Objective.objects.filter(section__plan=seed_plan).count() == 15
    assert seed_plan.actions.count() == 37
    assert list(seed_plan.sections.values_list("code", flat=True)) == ["1", "2", "3", "4", "5"]
    assert seed_plan.year == 2019


def test_codes_quarters_baselines_targets_and_responsibles_match_the_seed(seed_plan):
    rows = seed_rows()
    assert len(rows) == 37
    actions = {a.row: a for a in seed_plan.actions.prefetch_related("responsibles")}
    for cells in rows:
        row, _objective, text, quarter, baseline, target, responsible = cells[:7]
        a = actions[int(row)]
        code = text.split(" ", 1)[0].rstrip(".")
        assert a.code == code, row
        assert text.endswith(a.text), row
        expected_quarter = quarter.replace(" y", "").strip()  # "I y" is quarter I
        assert a.quarter_list == [expected_quarter], row
        assert a.baseline == ("" if baseline == "-" else baseline), row
        assert a.target == ("" if target == "-" else target), row
        joined = "".join(r.text for r in a.responsibles.all())
        assert SEP.sub("", joined) == SEP.sub("", responsible), row


def test_gaps_in_codes_are_kept(seed_plan):
    codes = list(seed_plan.actions.filter(objective__code="1.1").values_list("code", flat=True))
    assert codes == ["1.1.1", "1.1.3", "1.1.4", "1.1.6"]
    assert seed_plan.actions.get(row=12).quarter_list == ["I"]


def test_responsibles_resolve_to_units_organizations_and_people(seed_plan):
    r = {x.text: x for x in Responsible.objects.filter(action__plan=seed_plan, action__row=1)}
    assert r["ТЗУХ"].kind == "unit" and r["ТЗУХ"].unit.abbreviation == "ТЗУХ"
    assert r["Д.Ербол"].kind == "person" and r["Д.Ербол"].employee.user.username == "erbol.d"
    assert r["Х.Арман"].employee.user.username == "arman.kh"
    assert r["УБХ"].kind == "organization" and r["УБХ"].organization.code == "bu-ubkh"
    assert r["МХС Төк"].kind == "unknown" and not r["МХС Төк"].resolved
    health = {x.text: x for x in Responsible.objects.filter(action__plan=seed_plan, action__row=4)}
    assert health["ЭМГ"].organization.code == "bu-emg"
    assert not health["НЭ"].resolved


def test_an_ambiguous_name_stays_unresolved(bayan_ulgii):
    Employee.objects.create(organization=bayan_ulgii, family_name="Дархан", given_name="Ербол")
    plan = commit_plan(read_plan(SEED.read_bytes(), SEED.name), bayan_ulgii)
    r = Responsible.objects.get(action__plan=plan, action__row=1, text="Д.Ербол")
    assert r.kind == "unknown" and r.employee_id is None


def test_reimporting_updates_by_code_without_duplicates(bayan_ulgii, seed_plan):
    ids = dict(seed_plan.actions.values_list("code", "pk"))
    data = SEED.read_text(encoding="utf-8")
    changed = data.replace("Шинээр 7 сумыг холбох", "Шинээр 8 сумыг холбох")
    # Row 3 (1.1.4) disappears from the file.
    changed = "\n".join(line for line in changed.splitlines() if not line.startswith("3\t"))
    summary = commit_plan_summary(read_plan(changed.encode(), "plan.txt"), bayan_ulgii)
    assert summary.plan.pk == seed_plan.pk and not summary.created
    assert Plan.objects.filter(organization=bayan_ulgii).count() == 1
    assert summary.deleted == 1
    after = dict(seed_plan.actions.values_list("code", "pk"))
    assert "1.1.4" not in after and len(after) == 36
    assert all(after[c] == ids[c] for c in after)
    assert Action.objects.get(pk=ids["1.1.3"]).target == "Шинээр 8 сумыг холбох"


def test_the_command_imports_and_prints_a_summary(bayan_ulgii, capsys):
    call_command("import_plan", str(SEED), "--organization", "bayan-ulgii")
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 1 and "37" in out[0]
    assert Plan.objects.get(organization=bayan_ulgii).actions.count() == 37


def test_the_command_refuses_a_bad_file_and_writes_nothing(bayan_ulgii, tmp_path: Path, capsys):
    bad = tmp_path / "plan.pdf"
    bad.write_bytes(b"%PDF-1.4 not a plan")
    with pytest.raises(CommandError):
        call_command("import_plan", str(bad), "--organization", "bayan-ulgii")
    assert capsys.readouterr().err.strip()
    assert not Plan.objects.exists()


def test_the_command_refuses_an_unknown_organization(db):
    with pytest.raises(CommandError, match="nowhere"):
        call_command("import_plan", str(SEED), "--organization", "nowhere")


def test_demo_loads_twice_with_two_quarters_assessed_and_publishes(bayan_ulgii):
    demo_plans.load()
    notes = demo_plans.load()
    plan = Plan.objects.get(organization=bayan_ulgii)
    assert notes and plan.is_published
    assert plan.actions.count() == 37
    assert Assessment.objects.filter(action__plan=plan, period__kind="Q1").count() == 37
    assert Assessment.objects.filter(action__plan=plan, period__kind="Q2", status="assessed").count() == 12
    assert ProgressReport.objects.filter(action__plan=plan, period__kind="Q2").count() >= 10
    assert ProgressReport.objects.filter(action__plan=plan, evidence__isnull=False).distinct().count() >= 10
