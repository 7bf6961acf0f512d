"""Rows of the permission matrix, by app. Each builder returns (url kwargs, POST data)."""

from __future__ import annotations

# Every signed-in role of the conftest world, in the order the matrix reports them.
SIGNED_IN = (
    "alice",
    "carol",
    "hana",
    "bob",
    "henry",
    "leader",
    "secretary",
    "olga",
    "oscar",
    "orgadmin",
    "zed",
    "root",
)
EVERYONE = set(SIGNED_IN)
ORG = EVERYONE - {"zed"}
ADMINS = {"orgadmin", "root"}
ANY = "any"  # no role is refused; the response only must not fail
PEOPLE_ADMINS = {"orgadmin", "secretary", "root"}  # secretary is also the HR officer


def setup_objects(world) -> dict:
    """Objects that rows refer to, created once per test."""
    from urdun.organizations.models import ApiToken, RoleAssignment

    objects = {
        "role": RoleAssignment.objects.get(employee=world.people["hana"], role="unit_head"),
        "token": ApiToken.issue(world.people["alice"].user, "t")[0],
    }
    for extra in EXTRA_SETUPS:
        objects.update(extra(world))
    return objects


def none(world, o):
    return {}, None


def org(world, o):
    return {"code": world.org.code}, None


ROWS: list[tuple] = [
    ("home", "GET", none, EVERYONE),
    ("login", "GET", none, EVERYONE | {"anonymous"}),
    # Logging out always ends on the login page, signed in or not.
    ("logout", "POST", none, ANY),
    ("set_language", "POST", lambda w, o: ({}, {"language": "en"}), EVERYONE | {"anonymous"}),
    ("password_change", "GET", none, EVERYONE),
    ("password_change_done", "GET", none, EVERYONE),
    ("password_reset", "GET", none, EVERYONE | {"anonymous"}),
    ("password_reset_done", "GET", none, EVERYONE | {"anonymous"}),
    ("password_reset_complete", "GET", none, EVERYONE | {"anonymous"}),
    (
        "password_reset_confirm",
        "GET",
        lambda w, o: ({"uidb64": "MQ", "token": "x-y"}, None),
        EVERYONE | {"anonymous"},
    ),
    ("account", "GET", none, EVERYONE),
    ("token_create", "POST", lambda w, o: ({}, {"name": "x"}), EVERYONE),
    # Deleting someone else's token is a no-op redirect, never a deletion (tested elsewhere).
    ("token_delete", "POST", lambda w, o: ({"pk": o["token"].pk}, None), EVERYONE),
    ("organization_list", "GET", none, PEOPLE_ADMINS),
    ("organization_create", "GET", none, {"root"}),
    ("organization_detail", "GET", org, ORG),
    ("organization_edit", "GET", org, ADMINS),
    ("unit_create", "GET", org, ADMINS),
    ("unit_edit", "GET", lambda w, o: ({"code": w.org.code, "pk": w.unit_a.pk}, None), ADMINS),
    ("employee_create", "GET", org, PEOPLE_ADMINS),
    (
        "employee_edit",
        "GET",
        lambda w, o: ({"code": w.org.code, "pk": w.people["alice"].pk}, None),
        PEOPLE_ADMINS,
    ),
    ("role_create", "GET", org, ADMINS),
    ("role_delete", "POST", lambda w, o: ({"code": w.org.code, "pk": o["role"].pk}, None), ADMINS),
    ("employee_import", "GET", org, PEOPLE_ADMINS),
    # API
    ("api_schema", "GET", none, EVERYONE),
    ("organization-list", "GET", none, EVERYONE),
    ("organization-detail", "GET", lambda w, o: ({"code": w.org.code}, None), ORG),
    ("unit-list", "GET", none, EVERYONE),
    ("unit-detail", "GET", lambda w, o: ({"pk": w.unit_a.pk}, None), ORG),
    ("employee-list", "GET", none, EVERYONE),
    (
        "employee-detail",
        "GET",
        lambda w, o: ({"pk": w.people["alice"].pk}, None),
        {"alice", "hana", "leader", "secretary", "olga", "oscar", "orgadmin", "root"},
    ),
    ("role-list", "GET", none, EVERYONE),
    # hana's unit-head role: visible to whoever may see hana.
    (
        "role-detail",
        "GET",
        lambda w, o: ({"pk": o["role"].pk}, None),
        {"hana", "leader", "secretary", "olga", "oscar", "orgadmin", "root"},
    ),
]

EXTRA_SETUPS: list = []


# --- organizational plans --------------------------------------------------------------------


def _plans_setup(world) -> dict:
    from django.core.files.base import ContentFile

    from urdun.plans.models import Evidence, ProgressReport, ReportingPeriod
    from urdun.plans.tests.factories import action, grade, make_plan, objective, section

    plan = make_plan(world.org, is_published=True)
    sec = section(plan, "1")
    obj = objective(sec, "1.1")
    act = action(obj, "1.1.1", units=(world.unit_a,), people=(world.people["alice"],))
    q2 = ReportingPeriod.objects.get(organization=world.org, year=2019, kind="Q2")
    report = ProgressReport.objects.create(
        action=act, period=q2, done="Хийсэн", status="submitted", submitted_by=world.people["alice"].user
    )
    evidence = Evidence(
        report=report,
        original_name="a.pdf",
        size=9,
        content_type="application/pdf",
        uploaded_by=world.people["alice"].user,
    )
    evidence.file.save("a.pdf", ContentFile(b"%PDF-1.4\n"), save=True)
    grade(act, q2, 70)
    return {
        "plan": plan,
        "section": sec,
        "objective": obj,
        "action": act,
        "period": q2,
        "evidence": evidence,
        "progress": report,
    }


EXTRA_SETUPS.append(_plans_setup)


ORG_EDITORS = {"olga", "orgadmin", "root"}  # M&E officer and organization administrator
ORG_WIDE = {"leader", "secretary", "olga", "oscar", "orgadmin", "root"}


def plan(w, o):
    return {"pk": o["plan"].pk}, None


def act(w, o):
    return {"pk": o["action"].pk}, None


ROWS += [
    ("plans:plan_list", "GET", none, EVERYONE),
    ("plans:plan_create", "GET", org, ORG_EDITORS),
    ("plans:plan_detail", "GET", plan, ORG),
    ("plans:plan_edit", "GET", plan, ORG_EDITORS),
    ("plans:plan_publish", "POST", plan, ORG_EDITORS | {"oscar"}),
    ("plans:plan_renumber", "POST", plan, ORG_EDITORS),
    ("plans:plan_history", "GET", plan, ORG),
    ("plans:plan_dashboard", "GET", plan, ORG),
    ("plans:responsibles", "GET", plan, ORG_EDITORS),
    ("plans:section_create", "GET", plan, ORG_EDITORS),
    (
        "plans:section_edit",
        "GET",
        lambda w, o: ({"pk": o["plan"].pk, "section_id": o["section"].pk}, None),
        ORG_EDITORS,
    ),
    ("plans:objective_create", "GET", lambda w, o: ({"pk": o["section"].pk}, None), ORG_EDITORS),
    (
        "plans:objective_edit",
        "GET",
        lambda w, o: ({"pk": o["section"].pk, "objective_id": o["objective"].pk}, None),
        ORG_EDITORS,
    ),
    ("plans:action_create", "GET", lambda w, o: ({"pk": o["objective"].pk}, None), ORG_EDITORS),
    ("plans:action_detail", "GET", act, ORG),
    ("plans:action_row", "GET", act, ORG),
    ("plans:action_edit", "GET", act, ORG_EDITORS),
    (
        "plans:action_move",
        "POST",
        lambda w, o: ({"pk": o["action"].pk, "direction": "up"}, None),
        ORG_EDITORS,
    ),
    ("plans:action_delete", "POST", act, ORG_EDITORS),
    # alice is named on the action and hana heads its responsible unit; nobody else files.
    (
        "plans:progress_submit",
        "POST",
        lambda w, o: ({"pk": o["action"].pk, "period_id": o["period"].pk}, None),
        {"alice", "hana"},
    ),
    # Only the M&E officer assesses, not even a superuser.
    (
        "plans:assess",
        "POST",
        lambda w, o: ({"pk": o["action"].pk, "period_id": o["period"].pk}, None),
        {"olga"},
    ),
    (
        "plans:evidence_download",
        "GET",
        lambda w, o: ({"pk": o["evidence"].pk}, None),
        ORG_WIDE | {"alice", "hana"},
    ),
    ("plans:evidence_delete", "POST", lambda w, o: ({"pk": o["evidence"].pk}, None), {"alice"}),
    ("plans:org_dashboard", "GET", org, ORG),
    ("plans:periods", "GET", org, ORG_EDITORS),
    ("plans:scale_settings", "GET", org, ADMINS),
    ("plan_import", "GET", org, ORG_EDITORS),
    # An empty HTMX fragment (drops an unsaved form row): it carries no data.
    ("plans:empty", "GET", none, ANY),
    # The setup plan is published: the public page is for everyone, signed in or not.
    (
        "plans:public_plan",
        "GET",
        lambda w, o: ({"code": w.org.code, "pk": o["plan"].pk}, None),
        EVERYONE | {"anonymous"},
    ),
    ("plan-list", "GET", none, EVERYONE),
    ("plan-detail", "GET", plan, ORG),
    ("plan-payload", "GET", plan, ORG),
    ("plan-publish", "POST", plan, ORG_EDITORS | {"oscar"}),
    ("plan-action-list", "GET", none, EVERYONE),
    ("plan-action-detail", "GET", act, ORG),
    ("progress-report-list", "GET", none, EVERYONE),
    ("progress-report-detail", "GET", lambda w, o: ({"pk": o["progress"].pk}, None), ORG),
    ("plan-assessment-list", "GET", none, EVERYONE),
    ("plan-assessment-detail", "GET", lambda w, o: ({"pk": o["action"].assessments.first().pk}, None), ORG),
    # documents
    (
        "documents_home",
        "GET",
        none,
        {"hana", "henry", "leader", "secretary", "oscar", "orgadmin", "zed", "root"},
    ),
    ("plan_download", "GET", lambda w, o: ({"pk": o["plan"].pk, "fmt": "pdf"}, None), ORG),
    ("api-plan-document", "GET", lambda w, o: ({"pk": o["plan"].pk, "fmt": "json"}, None), ORG),
    # The whole organization's totals: evaluation team, HR, organization head and administrators.
    (
        "totals_xlsx",
        "GET",
        lambda w, o: ({"code": w.org.code}, None),
        {"leader", "secretary", "oscar", "orgadmin", "root"},
    ),
]


# --- individual performance ------------------------------------------------------------------


def _performance_setup(world) -> dict:
    from django.utils import timezone

    from urdun.performance.models import Adjustment, Disagreement, Reminder
    from urdun.performance.tests.factories import build_sheet

    sheet = build_sheet(world, "alice")
    return {
        "sheet": sheet,
        "pplan": sheet.plan,
        "entry": sheet.report_entries.first(),
        "adjustment": Adjustment.objects.create(sheet=sheet, reason="Шагнал", clause="6.3", points=1),
        "disagreement": Disagreement.objects.create(
            sheet=sheet, text="Санал нийлэхгүй", created_at=timezone.now()
        ),
        "reminder": Reminder.objects.create(
            recipient=world.people["alice"], sheet=sheet, key="k", message="m"
        ),
    }


EXTRA_SETUPS.append(_performance_setup)

SHEET_READERS = {"alice", "hana"} | ORG_WIDE  # the employee, her unit head, organization-wide roles


def sheet(w, o):
    return {"pk": o["sheet"].pk}, None


def _plan_item(o, kind):
    from urdun.performance.models import Indicator, PlanAction

    model = PlanAction if kind == "action" else Indicator
    lookup = "objective__plan" if kind == "action" else "action__objective__plan"
    item = model.objects.filter(**{lookup: o["pplan"]}).first()
    return {"pk": o["pplan"].pk, "kind": kind, "item_pk": item.pk}


ROWS += [
    ("performance:mine", "GET", none, EVERYONE - {"root"}),  # root has no employee record: 404
    # Starting a report needs a cycle in the organization; none exists in the matrix world.
    ("performance:start", "POST", none, set()),
    ("performance:reminder_read", "POST", lambda w, o: ({"pk": o["reminder"].pk}, None), ANY),
    ("performance:plan_new", "GET", none, EVERYONE - {"root"}),
    ("performance:plan", "GET", lambda w, o: ({"pk": o["pplan"].pk}, None), SHEET_READERS),
    # Items of a plan are edited by its employee only, while the plan is a draft (it is here).
    ("performance:plan_item_edit", "GET", lambda w, o: (_plan_item(o, "action"), None), {"alice"}),
    ("performance:plan_item_delete", "POST", lambda w, o: (_plan_item(o, "indicator"), None), {"alice"}),
    (
        "performance:plan_add",
        "POST",
        lambda w, o: ({"pk": o["pplan"].pk, "kind": "objective"}, {"number": "9", "text": "x"}),
        {"alice"},
    ),
    ("performance:plan_do", "POST", lambda w, o: ({"pk": o["pplan"].pk, "name": "submit"}, None), {"alice"}),
    ("performance:sheet", "GET", sheet, SHEET_READERS),
    ("performance:report", "GET", sheet, SHEET_READERS),
    # Scoring opens only at the step that scores (the draft sheet is at none of them).
    ("performance:score", "GET", sheet, set()),
    # Colleagues of the same unit score anonymously; they cannot open the sheet itself.
    ("performance:colleague", "GET", sheet, {"carol"}),
    ("performance:history", "GET", sheet, SHEET_READERS),
    ("performance:sheet_do", "POST", lambda w, o: ({"pk": o["sheet"].pk, "name": "submit"}, None), {"alice"}),
    ("performance:adjustment_add", "POST", sheet, {"leader", "secretary"}),
    (
        "performance:adjustment_delete",
        "POST",
        lambda w, o: ({"pk": o["adjustment"].pk}, None),
        {"leader", "secretary"},
    ),
    ("performance:entry_save", "POST", lambda w, o: ({"pk": o["entry"].pk}, None), {"alice"}),
    (
        "performance:answer",
        "POST",
        lambda w, o: ({"pk": o["disagreement"].pk}, {"answer": "Хариу"}),
        {"leader", "secretary"},
    ),
    ("performance:unit", "GET", none, {"hana", "henry", "zed"}),
    # The progress interview of alice: her unit head (root as administrator).
    (
        "performance:interview",
        "GET",
        lambda w, o: ({"employee_pk": o["sheet"].employee_id, "cycle_pk": o["sheet"].cycle_id}, None),
        {"hana", "root"},
    ),
    ("performance:queue", "GET", none, {"leader", "secretary", "oscar", "zed", "root"}),
    (
        "performance:overview",
        "GET",
        none,
        {"leader", "secretary", "olga", "oscar", "orgadmin", "zed", "root"},
    ),
    # Evaluation cycles: the organization's HR officer (secretary) and administrator.
    ("performance:cycles", "GET", org, PEOPLE_ADMINS),
    ("performance:cycle_edit", "GET", lambda w, o: ({"pk": o["sheet"].cycle_id}, None), PEOPLE_ADMINS),
    ("performance-plan-list", "GET", none, EVERYONE),
    ("performance-plan-detail", "GET", lambda w, o: ({"pk": o["pplan"].pk}, None), SHEET_READERS),
    ("performance-report-entry-list", "GET", none, EVERYONE),
    ("performance-report-entry-detail", "GET", lambda w, o: ({"pk": o["entry"].pk}, None), SHEET_READERS),
    ("performance-sheet-list", "GET", none, EVERYONE),
    ("performance-sheet-detail", "GET", sheet, SHEET_READERS),
    (
        "performance-sheet-transition",
        "POST",
        lambda w, o: ({"pk": o["sheet"].pk}, {"step": "submit"}),
        {"alice"},
    ),
    (
        "sheet_download",
        "GET",
        lambda w, o: ({"pk": o["sheet"].pk, "form": "evaluation_sheet", "fmt": "pdf"}, None),
        SHEET_READERS,
    ),
    (
        "api-sheet-document",
        "GET",
        lambda w, o: ({"pk": o["sheet"].pk, "form": "evaluation_sheet", "fmt": "json"}, None),
        SHEET_READERS,
    ),
    (
        "bulk_start",
        "POST",
        lambda w, o: ({"code": w.org.code}, {"period": "2025-H1"}),
        {"leader", "secretary", "oscar", "orgadmin", "root"},
    ),
]


def _job_setup(world) -> dict:
    from urdun.documents.models import DocumentJob

    job = DocumentJob.objects.create(
        organization=world.org, year=2025, period="H1", requested_by=world.people["hana"].user, status="done"
    )
    job.path.write_bytes(b"PK\x05\x06" + b"\x00" * 18)
    return {"job": job}


EXTRA_SETUPS.append(_job_setup)
ROWS += [
    # A job is seen only by whoever started it (and administrators).
    ("document_job", "GET", lambda w, o: ({"pk": o["job"].pk}, None), {"hana", "root"}),
    ("document_job_status", "GET", lambda w, o: ({"pk": o["job"].pk}, None), {"hana", "root"}),
    ("document_job_download", "GET", lambda w, o: ({"pk": o["job"].pk}, None), {"hana", "root"}),
]

ROWS += [
    # Everyone with an employee record may import their own report; the form offers only the
    # people they may import for (tested in urdun/imports/tests/test_performance_upload.py).
    ("performance_import", "GET", none, EVERYONE),
]


def _results_setup(world) -> dict:
    from django.utils import timezone

    from urdun.performance.models import EvaluationCycle
    from urdun.results.models import Publication
    from urdun.results.publication import table

    cycle = EvaluationCycle.objects.filter(organization=world.org).order_by("-year").first()
    publication = Publication.objects.create(
        cycle=cycle,
        organization=cycle.organization,
        publisher_name="O.Oscar",
        published_at=timezone.now(),
        threshold=5,
        figures=table(cycle),
    )
    return {"publication": publication}


def _published(w, o):
    p = o["publication"]
    return {"code": p.organization.code, "cycle": p.cycle.code}, None


RESULTS_READERS = {"leader", "secretary", "oscar", "orgadmin", "root"}
ROWS += [
    # Published results and their open data are for everyone, signed in or not.
    ("results:public_catalogue", "GET", none, EVERYONE | {"anonymous"}),
    ("results:public", "GET", _published, EVERYONE | {"anonymous"}),
    ("results:public_csv", "GET", _published, EVERYONE | {"anonymous"}),
    ("results:public_json", "GET", _published, EVERYONE | {"anonymous"}),
    ("results:public_datapackage", "GET", _published, EVERYONE | {"anonymous"}),
    # The evaluation team, the head, HR and administrators; never the people rated.
    ("results:organization", "GET", org, RESULTS_READERS),
    ("results:signal", "GET", org, RESULTS_READERS),
    # Only the organization head publishes (an open cycle is refused with a message: a redirect).
    (
        "results:publish",
        "POST",
        lambda w, o: ({"code": w.org.code, "cycle": o["publication"].cycle.code}, {}),
        {"oscar", "root"},
    ),
]


EXTRA_SETUPS.append(_results_setup)
ROWS += [
    # Rater analytics: the evaluation team and administrators; never the people rated.
    ("results:raters", "GET", org, {"leader", "secretary", "orgadmin", "root"}),
]


ROWS += [
    # Health and readiness answer everyone (load balancers), and say nothing about the data.
    ("healthz", "GET", none, ANY),
    ("readyz", "GET", none, ANY),
    # Region and country pages: roles held over a subtree (none in the test world) and administrators.
    ("regions:national", "GET", none, {"root"}),
    ("regions:region", "GET", org, {"root"}),
]
