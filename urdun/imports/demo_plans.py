"""Demo step: seed 000 (Bayan-Ölgii's 2019 plan) with progress and assessments for 2019 Q1 and Q2.

Idempotent: the plan is re-imported by title, reports and assessments are updated in place.
"""

from __future__ import annotations

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile

from urdun.imports import seeds
from urdun.imports.plan_import import commit_plan_summary, read_plan
from urdun.organizations.models import Organization, Role, RoleAssignment, User
from urdun.plans.models import Assessment, Plan, ReportingPeriod
from urdun.plans.services import assess, set_published, standard_periods, submit_progress

SEED = "000_baccca05a24a7a48.txt"
LEGAL_BASIS = "2019 оныг “Иргэн төвтэй төрийн үйлчилгээний жил” болгох тухай тогтоол"
ME_OFFICER = "aidos"

# code → (percent or status, what was done, achieved value)
Q1 = {
    "1.3.1": (
        70,
        "Хэлтэс, агентлагууд үйлчилгээний менежментийн төлөвлөгөөгөө боловсруулж эхэлсэн.",
        "12 байгууллага",
    ),
    "2.2.3": (100, "Иргэний төсвийг аймгийн цахим хуудсанд байршуулсан.", "Иргэний төсөв 2019"),
    "1.1.1": (30, "Тоон гарын үсэг нэвтрүүлэх байгууллагуудын жагсаалтыг гаргасан.", "8 үйлчилгээ"),
    "1.2.1": (30, "Төрийн үйлчилгээний жагсаалтыг шинэчилж эхэлсэн.", "120 үйлчилгээ"),
    "2.1.1": (30, "Цахим оролцооны хуудсыг шинэчилсэн.", "0.71"),
    "2.2.1": (70, "Шилэн дансны мэдээллийг хугацаанд нь байршуулсан.", "95%"),
    "4.1.1": ("cannot_evaluate", "", ""),
}
Q2 = {
    "1.3.1": (100, "Бүх хэлтэс, агентлаг төлөвлөгөөгөө баталж хэрэгжүүлж байна.", "18 байгууллага"),
    "2.2.3": (100, "Иргэний төсвийн мэдээллийг улирал бүр шинэчилж байна.", "2 удаа"),
    "1.1.1": (70, "Төрийн 20 үйлчилгээг цахим хэлбэрт шилжүүлсэн.", "20 үйлчилгээ"),
    "1.2.1": (70, "Төрийн үйлчилгээний албан ёсны жагсаалтыг баталсан.", "320 үйлчилгээ"),
    "1.2.3": (30, "Хоёр сургуулийн өргөтгөлийн ажил эхэлсэн.", "2 сургууль"),
    "2.1.1": (70, "Иргэдийн санал авах цахим хэлбэрийг нэвтрүүлсэн.", "0.72"),
    "2.2.1": (100, "Шилэн дансны мэдээллийг бүрэн, хугацаанд нь мэдээлсэн.", "100%"),
    "2.2.2": (70, "Тендерийн 14 урилгыг цахимаар зарласан.", "14 тендер"),
    "2.3.3": (30, "Дүрэм, журмын судалгааг эхлүүлсэн.", "6 журам"),
    "2.4.2": (70, "ДАН системд 7 системийг холбосон.", "7"),
    "5.2.4": (0, "Хөтөлбөрийн төсөл боловсруулагдаагүй.", ""),
    "5.3.1": (100, "Ажлын байрны шинжилгээг бүх хэлтэст хийж дууссан.", "6 хэлтэс"),
    "4.2.2": ("cannot_evaluate", "", ""),
}
COMMENT_CANNOT = "Үндэсний түвшинд хийгдэх ажил; аймгийн түвшинд үнэлэх үзүүлэлтгүй."
PDF = b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj 2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"


def seed_path() -> Path:
    return seeds.seed_path(SEED)


def _filer(action, heads: dict[int, User]) -> User | None:
    """Someone allowed to file: a responsible employee with a login, else a responsible unit's
    head."""
    for r in action.responsibles.all():
        if r.employee_id and r.employee.user_id:
            return r.employee.user
    for r in action.responsibles.all():
        if r.unit_id and r.unit_id in heads:
            return heads[r.unit_id]
    return None


def _fill(plan: Plan, period: ReportingPeriod, data: dict, me: User, heads: dict[int, User]) -> int:
    actions = {
        a.code: a
        for a in plan.actions.prefetch_related("responsibles__employee__user").select_related("plan")
    }
    for code, action in actions.items():
        value, done, achieved = data.get(code, ("not_due", "", ""))
        if isinstance(value, int):
            filer = _filer(action, heads)
            if filer is not None:
                report = submit_progress(action, period, filer, done=done, achieved_value=achieved)
                if not report.evidence.exists():
                    submit_progress(
                        action,
                        period,
                        filer,
                        done=done,
                        achieved_value=achieved,
                        files=[SimpleUploadedFile(f"tailan-{code}.pdf", PDF, "application/pdf")],
                    )
            assess(action, period, me, status="assessed", percent=value, comment="")
        elif value == "cannot_evaluate":
            assess(action, period, me, status=Assessment.Status.CANNOT_EVALUATE, comment=COMMENT_CANNOT)
        else:
            assess(action, period, me, status=Assessment.Status.NOT_DUE)
    return len(data)


def load() -> list[str]:
    org = Organization.objects.get(code="bayan-ulgii")
    me = User.objects.get(username=ME_OFFICER)
    parsed = read_plan(seed_path().read_bytes(), SEED)
    summary = commit_plan_summary(parsed, org, me, legal_basis=LEGAL_BASIS, year=2019)
    plan = summary.plan
    periods = {p.kind: p for p in standard_periods(org, 2019)}
    heads = {
        ra.unit_id: ra.employee.user
        for ra in RoleAssignment.objects.filter(organization=org, role=Role.UNIT_HEAD).select_related(
            "employee__user"
        )
        if ra.employee.user_id
    }
    _fill(plan, periods["Q1"], Q1, me, heads)
    _fill(plan, periods["Q2"], Q2, me, heads)
    set_published(plan, me, True)
    return [
        summary.line(),
        f"Plan {plan.pk}: progress and assessments for 2019 Q1 and Q2; published at /plans/public/{org.code}/{plan.pk}/",
    ]
