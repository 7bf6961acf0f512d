"""Generate a realistic national profile into the configured PostgreSQL database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/urdun_scale_10pct \\
        .venv/bin/python bench/generate.py --employees 22800 --output var/bench/generate-10pct.json

The whole country is about 228,000 employees in 4,310 organizations; `--employees 22800` is the
10 % profile. The tree: one national body, 21 aimag governor's offices under it, and under each
aimag its soum governor's offices and agencies, in proportion to the count. Every organization
has units with heads, an evaluation team, an M&E and an HR officer, a head and an administrator;
every employee has a login (one password, `--password`, hashed once with the configured hasher),
an approved individual plan of about 30 actions with indicators, assignments and knowledge goals,
and a sheet in each of the year's two cycles: the half-year one mostly confirmed, the annual one
(the deadline is days away) in every state from draft to confirmed, with report entries, scores,
colleague rounds, signatures, disagreements and the history rows django-simple-history writes
for each of them. Each organization has a published plan whose actions have half-year progress
reports and assessments.

Rows go in with COPY (bench/copyload.py); foreign keys are checked after the load. The run
prints a table of rows per table and the rate, and writes the figures as JSON with --output.
The database must be migrated (`manage.py migrate`) and hold no generated profile yet.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import sys
import time
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "urdun.settings")

import django  # noqa: E402

django.setup()

from django.apps import apps  # noqa: E402
from django.contrib.auth.hashers import make_password  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from psycopg.types.json import Jsonb  # noqa: E402

from bench.copyload import Loader  # noqa: E402

COUNTRY_EMPLOYEES = 228_082
COUNTRY_ORGANIZATIONS = 4_310
AIMAGS = [
    "Архангай", "Баян-Өлгий", "Баянхонгор", "Булган", "Говь-Алтай", "Говьсүмбэр", "Дархан-Уул",
    "Дорноговь", "Дорнод", "Дундговь", "Завхан", "Орхон", "Өвөрхангай", "Өмнөговь", "Сүхбаатар",
    "Сэлэнгэ", "Төв", "Увс", "Ховд", "Хөвсгөл", "Хэнтий",
]  # fmt: skip
GIVEN = ["Батцэцэг", "Энхжаргал", "Ганбаатар", "Оюунчимэг", "Болормаа", "Түмэнбаяр", "Сарангэрэл",
         "Мөнхбат", "Нарантуяа", "Дашдорж", "Алтанцэцэг", "Эрдэнэбилэг", "Цэцэгмаа", "Бат-Эрдэнэ"]  # fmt: skip
FAMILY = ["Дорж", "Бат", "Галсан", "Пүрэв", "Сүх", "Цэрэн", "Жамц", "Нямаа", "Очир", "Дамдин"]
UNIT_NAMES = ["Захиргаа, удирдлагын хэлтэс", "Хөгжлийн бодлого, төлөвлөлтийн хэлтэс",
              "Хяналт-шинжилгээ, үнэлгээний хэлтэс", "Санхүү, төрийн сангийн хэлтэс",
              "Нийгмийн бодлогын хэлтэс", "Хууль, эрх зүйн хэлтэс", "Мэдээллийн технологийн алба",
              "Хүний нөөцийн алба", "Худалдан авах ажиллагааны алба", "Гадаад харилцааны хэлтэс"]  # fmt: skip
ACTION_TEXT = ("Орон нутгийн хөгжлийн хөтөлбөрийн хэрэгжилтийг зохион байгуулж, "
               "иргэдэд үзүүлэх үйлчилгээний чанар, хүртээмжийг нэмэгдүүлэх")  # fmt: skip
# States of the annual sheets, days before the 5 December deadline; the half-year is mostly done.
ANNUAL_STATES = [("draft", 52), ("submitted", 18), ("verified", 10), ("assessed", 7), ("disputed", 1),
                 ("acknowledged", 6), ("reviewed", 3), ("confirmed", 3)]  # fmt: skip
H1_STATES = [("confirmed", 86), ("reviewed", 5), ("acknowledged", 4), ("disputed", 2), ("assessed", 1),
             ("verified", 1), ("submitted", 1)]  # fmt: skip
ORDER = ["draft", "submitted", "verified", "assessed", "disputed", "acknowledged", "reviewed", "confirmed"]
STEPS = {  # events written by each state reached: (step, decision, who)
    "submitted": [("prepared", "signed", "self")],
    "verified": [("verified", "signed", "head")],
    "assessed": [("assessed", "signed", "head")],
    "disputed": [("acknowledged", "disagreed", "self")],
    "acknowledged": [("acknowledged", "signed", "self")],
    "reviewed": [("reviewed_leader", "signed", "leader"), ("reviewed_secretary", "signed", "secretary")],
    "confirmed": [("confirmed", "signed", "orghead")],
}
ORG_ROLES = ["eval_leader", "eval_secretary", "eval_member", "eval_member", "me_officer", "hr_officer",
             "org_head", "org_admin"]  # fmt: skip


def pick(rng: random.Random, weighted: list[tuple[str, int]]) -> str:
    return rng.choices([s for s, _ in weighted], [w for _, w in weighted])[0]


def at(day: date, rng: random.Random) -> datetime:
    return datetime(day.year, day.month, day.day, 1 + rng.randrange(10), rng.randrange(60), tzinfo=UTC)


def organization_plan(n: int, rng: random.Random) -> list[dict[str, Any]]:
    """The tree and each organization's size, scaled to `n` employees."""
    orgs = max(3, round(n * COUNTRY_ORGANIZATIONS / COUNTRY_EMPLOYEES))
    aimags = min(len(AIMAGS), max(1, (orgs - 1) // 6))
    per_aimag = max(1, (orgs - 1 - aimags) // aimags)
    tree: list[dict[str, Any]] = [
        {"kind": "other", "name": "Засгийн газрын Хэрэг эрхлэх газар", "parent": None, "w": 6}
    ]
    for a in range(aimags):
        tree.append(
            {
                "kind": "aimag_office",
                "name": f"{AIMAGS[a]} аймгийн Засаг даргын Тамгын газар",
                "parent": 0,
                "w": 5,
            }
        )
        parent = len(tree) - 1
        for s in range(per_aimag):
            if s % 2 == 0:
                tree.append(
                    {
                        "kind": "soum_office",
                        "name": f"{AIMAGS[a]} {s // 2 + 1}-р сумын ЗДТГ",
                        "parent": parent,
                        "w": 1,
                    }
                )
            else:
                tree.append(
                    {
                        "kind": "agency",
                        "name": f"{AIMAGS[a]} аймгийн {s // 2 + 1}-р газар",
                        "parent": parent,
                        "w": 2,
                    }
                )
    weights = [o["w"] * (0.7 + 0.6 * rng.random()) for o in tree]
    total = sum(weights)
    sizes = [max(8, int(n * w / total)) for w in weights]
    i = 0
    while sum(sizes) != n:  # hit the count exactly
        step = 1 if sum(sizes) < n else -1
        if sizes[i % len(sizes)] + step >= 8:
            sizes[i % len(sizes)] += step
        i += 1
    for o, size in zip(tree, sizes, strict=True):
        o["size"] = size
    return tree


class Profile:
    def __init__(self, args: argparse.Namespace):
        self.args = args
        self.rng = random.Random(args.seed)
        self.year = args.year
        self.now = datetime(self.year, 12, 1, 3, 0, tzinfo=UTC)
        self.loader = Loader(self.now, batch=args.batch)
        self.password = make_password(args.password)
        self.payload_template: dict[str, Any] | None = None
        m = apps.get_model
        L = self.loader
        self.t_user = L.table(
            m("organizations", "User"),
            ["password", "username", "first_name", "last_name", "email", "date_joined"],
        )
        self.t_org = L.table(
            m("organizations", "Organization"), ["code", "name", "short_name", "kind", "parent_id"]
        )
        self.t_unit = L.table(m("organizations", "Unit"), ["organization_id", "name", "abbreviation"])
        self.t_emp = L.table(
            m("organizations", "Employee"),
            ["user_id", "organization_id", "unit_id", "family_name", "given_name", "position", "email"],
        )
        self.t_role = L.table(
            m("organizations", "RoleAssignment"),
            ["employee_id", "role", "organization_id", "unit_id", "subtree"],
        )
        self.t_cycle = L.table(
            m("performance", "EvaluationCycle"),
            [
                "organization_id",
                "year",
                "period",
                "methodology_id",
                "plan_approval_due",
                "report_due",
                "verification_due",
                "review_due",
                "confirmation_due",
            ],
        )
        self.t_pplan = L.table(
            m("performance", "PerformancePlan"),
            ["employee_id", "year", "status", "approved_by_id", "approved_at"],
        )
        self.t_pobj = L.table(m("performance", "PlanObjective"), ["plan_id", "order", "number", "text"])
        self.t_pact = L.table(
            m("performance", "PlanAction"),
            ["objective_id", "order", "number", "text", "planned_start", "planned_end", "org_action_id"],
        )
        self.t_ind = L.table(
            m("performance", "Indicator"),
            ["action_id", "order", "name", "baseline", "target_half", "target_annual"],
        )
        self.t_asg = L.table(
            m("performance", "Assignment"),
            ["plan_id", "order", "number", "text", "assigned_by_id", "indicator", "target"],
        )
        self.t_kg = L.table(
            m("performance", "KnowledgeGoal"), ["plan_id", "order", "number", "text", "indicator", "target"]
        )
        self.t_sheet = L.table(
            m("performance", "EvaluationSheet"),
            [
                "employee_id",
                "cycle_id",
                "plan_id",
                "status",
                "version",
                "employee_name",
                "employee_position",
                "unit_name",
                "unit_head_name",
                "unit_head_position",
                "confirmed_payload",
                "final_total",
                "final_rating",
            ],
        )
        self.t_row = L.table(
            m("performance", "SheetRow"),
            [
                "sheet_id",
                "order",
                "kind",
                "number",
                "code",
                "text",
                "action_id",
                "assignment_id",
                "performance",
                "timeliness",
            ],
        )
        self.t_entry = L.table(
            m("performance", "ReportEntry"),
            [
                "sheet_id",
                "order",
                "indicator_id",
                "assignment_id",
                "knowledge_goal_id",
                "achieved_text",
                "achieved_value",
                "completion",
            ],
        )
        self.t_kscore = L.table(
            m("performance", "KnowledgeScore"),
            ["sheet_id", "order", "goal_id", "number", "text", "completion"],
        )
        self.t_hscore = L.table(
            m("performance", "HeadScore"), ["sheet_id", "order", "criterion", "is_competency", "points"]
        )
        self.t_cscore = L.table(m("performance", "ColleagueScore"), ["sheet_id", "criterion", "points"])
        self.t_csub = L.table(m("performance", "ColleagueSubmission"), ["sheet_id", "colleague_id"])
        self.t_event = L.table(
            m("performance", "SheetEvent"),
            ["sheet_id", "step", "decision", "actor_id", "name", "position", "at", "signed_on"],
        )
        self.t_disagree = L.table(m("performance", "Disagreement"), ["sheet_id", "text", "created_at"])
        self.t_interview = L.table(
            m("performance", "ProgressInterview"),
            ["employee_id", "cycle_id", "held_on", "discussed", "agreed", "recorded_by_id", "recorded_at"],
        )
        self.t_reminder = L.table(
            m("performance", "Reminder"), ["recipient_id", "sheet_id", "key", "message", "url", "created_at"]
        )
        self.t_plan = L.table(
            m("plans", "Plan"),
            [
                "organization_id",
                "title",
                "year",
                "period_start",
                "period_end",
                "is_published",
                "published_at",
                "created_at",
                "updated_at",
            ],
        )
        self.t_section = L.table(m("plans", "Section"), ["plan_id", "code", "title", "position"])
        self.t_objective = L.table(m("plans", "Objective"), ["section_id", "code", "text", "position"])
        self.t_action = L.table(
            m("plans", "Action"),
            [
                "plan_id",
                "objective_id",
                "row",
                "code",
                "text",
                "quarters",
                "due_quarter",
                "target",
                "position",
            ],
        )
        self.t_resp = L.table(m("plans", "Responsible"), ["action_id", "position", "text", "kind", "unit_id"])
        self.t_period = L.table(
            m("plans", "ReportingPeriod"),
            ["organization_id", "year", "kind", "start", "end", "deadline", "through_quarter"],
        )
        self.t_progress = L.table(
            m("plans", "ProgressReport"),
            [
                "action_id",
                "period_id",
                "status",
                "done",
                "achieved_value",
                "submitted_by_id",
                "submitted_at",
                "updated_at",
            ],
        )
        self.t_assess = L.table(
            m("plans", "Assessment"),
            ["action_id", "period_id", "status", "percent", "comment", "assessed_by_id", "assessed_at"],
        )
        method_model = m("performance", "MethodologyVersion")
        self.method = method_model.current()
        self.head_criteria = list(self.method.head_criteria)
        self.colleague_criteria = len(self.method.colleague_criteria)
        bands = sorted(self.method.rating_bands, key=lambda b: Decimal(b["threshold"]), reverse=True)
        self.bands = [(Decimal(b["threshold"]), b["letter"]) for b in bands]

    def rating(self, total: Decimal) -> str:
        return next(letter for threshold, letter in self.bands if total >= threshold)

    # --- the tree ------------------------------------------------------------------------
    def run(self) -> None:
        tree = organization_plan(self.args.employees, self.rng)
        org_ids: list[int] = []
        started = time.perf_counter()
        for i, o in enumerate(tree):
            parent_id = org_ids[o["parent"]] if o["parent"] is not None else None
            org_ids.append(self.organization(i, o, parent_id))
            if i == 0:
                self.make_payload_template()
            if i % 20 == 0 and self.args.progress:
                done = self.loader.rows()
                print(f"  {i + 1}/{len(tree)} organizations, {done:,} rows, "
                      f"{done / (time.perf_counter() - started):,.0f} rows/s", flush=True)  # fmt: skip
        self.tree = tree

    def organization(self, index: int, spec: dict[str, Any], parent_id: int | None) -> int:
        rng, year = self.rng, self.year
        created = at(date(year, 1, 10), rng)
        org = self.t_org.add_tracked(
            f"gen-{index:05d}", spec["name"], spec["name"][:60], spec["kind"], parent_id, at=created
        )
        n_units = max(2, min(len(UNIT_NAMES), spec["size"] // 12))
        units = [self.t_unit.add_tracked(org, UNIT_NAMES[u], f"U{u + 1}", at=created) for u in range(n_units)]
        people: list[dict[str, Any]] = []
        for e in range(spec["size"]):
            given, family = rng.choice(GIVEN), rng.choice(FAMILY)
            unit_index = e % n_units
            uname = f"g{index:05d}-{e:04d}"
            user = self.t_user.add(self.password, uname, given, family, f"{uname}@example.mn", created)
            emp = self.t_emp.add_tracked(
                user,
                org,
                units[unit_index],
                family,
                given,
                "Ахлах мэргэжилтэн",
                f"{uname}@example.mn",
                at=created,
            )
            people.append(
                {
                    "pk": emp,
                    "user": user,
                    "unit": unit_index,
                    "name": f"{family[0]}.{given}",
                    "username": uname,
                }
            )
        heads = {}
        for p in people:  # the first person of each unit heads it
            heads.setdefault(p["unit"], p)
        for u, head in heads.items():
            self.t_role.add_tracked(head["pk"], "unit_head", org, units[u], False, at=created)
        staff: dict[str, dict[str, Any]] = {}
        for r, role in enumerate(ORG_ROLES):
            holder = people[(r + n_units) % len(people)]
            # The M&E officers of the national body and of the aimag offices read the subtree.
            subtree = role == "me_officer" and spec["kind"] in ("aimag_office", "other")
            self.t_role.add_tracked(holder["pk"], role, org, None, subtree, at=created)
            staff.setdefault(role, holder)
        spec["people"] = [(p["username"], p["pk"]) for p in people[:3]]
        spec["staff"] = {role: p["username"] for role, p in staff.items()}
        spec["heads"] = [h["username"] for h in heads.values()][:2]
        spec["pk"] = org

        org_actions = self.organization_plan(org, units, staff, created)
        cycles = {}
        for period, due in (("H1", date(year, 6, 5)), ("Y", date(year, 12, 5))):
            cycles[period] = self.t_cycle.add_tracked(
                org, year, period, self.method.pk, date(year, 2, 1), due, due + timedelta(days=5),
                due + timedelta(days=15), due + timedelta(days=25), at=created,
            )  # fmt: skip
        for p in people:
            self.person(p, people, heads, staff, cycles, org_actions, units)
        return org

    def organization_plan(
        self, org: int, units: list[int], staff: dict[str, Any], created: datetime
    ) -> list[int]:
        rng, year = self.rng, self.year
        me = staff["me_officer"]
        plan = self.t_plan.add_tracked(org, f"{year} оны үйл ажиллагааны төлөвлөгөө", year, date(year, 1, 1),
                                       date(year, 12, 31), True, created, created, created, at=created, user_id=me["user"])  # fmt: skip
        periods = {}
        for kind, start, end, deadline, q in (("H1", date(year, 1, 1), date(year, 6, 30), date(year, 7, 5), 2),
                                              ("Y", date(year, 1, 1), date(year, 12, 31), date(year, 12, 5), 4)):  # fmt: skip
            periods[kind] = self.t_period.add_tracked(org, year, kind, start, end, deadline, q, at=created)
        actions = []
        n_actions = max(12, min(80, len(units) * 8))
        row = 0
        for s in range(3):
            section = self.t_section.add_tracked(plan, f"{s + 1}", f"{s + 1}. Бодлогын зорилт", s, at=created)
            for o in range(2):
                objective = self.t_objective.add_tracked(
                    section, f"{s + 1}.{o + 1}", "Зорилт: " + ACTION_TEXT[:80], o, at=created
                )
                for a in range(n_actions // 6):
                    row += 1
                    quarter = 1 + rng.randrange(4)
                    action = self.t_action.add_tracked(plan, objective, row, f"{s + 1}.{o + 1}.{a + 1}", ACTION_TEXT,
                                                       ",".join(["I", "II", "III", "IV"][:quarter]), quarter,
                                                       "100 хувь", a, at=created)  # fmt: skip
                    self.t_resp.add_tracked(
                        action, 0, UNIT_NAMES[row % len(units)], "unit", units[row % len(units)], at=created
                    )
                    actions.append(action)
                    reported = at(date(year, 7, 1) + timedelta(days=rng.randrange(4)), rng)
                    if rng.random() < 0.92:
                        self.t_progress.add_tracked(action, periods["H1"], "submitted", "Хагас жилийн хэрэгжилт: " + ACTION_TEXT,
                                                    "", me["pk"], reported, reported, at=reported, user_id=me["user"])  # fmt: skip
                        due = quarter <= 2
                        status = "assessed" if due else "not_due"
                        percent = Decimal(rng.choice([0, 30, 70, 70, 100, 100, 100])) if due else None
                        self.t_assess.add_tracked(action, periods["H1"], status, percent, "", me["pk"],
                                                  reported + timedelta(days=6), at=reported + timedelta(days=6), user_id=me["user"])  # fmt: skip
                    if rng.random() < 0.4:
                        late = at(date(year, 11, 20) + timedelta(days=rng.randrange(10)), rng)
                        self.t_progress.add_tracked(action, periods["Y"], "draft", "Жилийн хэрэгжилт (ноорог)", "",
                                                    None, None, late, at=late, user_id=me["user"])  # fmt: skip
        return actions

    # --- one person's year ---------------------------------------------------------------
    def person(
        self,
        p: dict[str, Any],
        people: list,
        heads: dict,
        staff: dict,
        cycles: dict,
        org_actions: list,
        units: list,
    ) -> None:
        rng, year = self.rng, self.year
        head = heads[p["unit"]]
        approved = at(date(year, 1, 20 + rng.randrange(10)), rng)
        plan = self.t_pplan.add(p["pk"], year, "approved", head["pk"], approved)
        self.t_pplan.changed(
            self.t_pplan.last,
            approved - timedelta(days=5),
            p["user"],
            kind="+",
            status="draft",
            approved_by_id=None,
            approved_at=None,
        )
        self.t_pplan.changed(
            self.t_pplan.last,
            approved - timedelta(days=2),
            p["user"],
            status="submitted",
            approved_by_id=None,
            approved_at=None,
        )
        self.t_pplan.changed(self.t_pplan.last, approved, head["user"])
        made = approved - timedelta(days=5)
        indicators, objectives = [], []
        n = 0
        for o in range(4):
            obj = self.t_pobj.add_tracked(
                plan, o, f"{o + 1}", f"Зорилт {o + 1}: " + ACTION_TEXT[:90], at=made, user_id=p["user"]
            )
            acts = []
            for a in range(7 + (o < 2)):
                n += 1
                act = self.t_pact.add_tracked(obj, a, f"{o + 1}.{a + 1}", ACTION_TEXT, date(year, 1, 1), date(year, 6 if a % 2 else 12, 30 if a % 2 else 25),
                                              org_actions[n % len(org_actions)] if n % 2 else None, at=made, user_id=p["user"])  # fmt: skip
                ind = self.t_ind.add_tracked(
                    act, 0, "Хэрэгжилтийн хувь", "0", "50%", "100%", at=made, user_id=p["user"]
                )
                acts.append((act, ind, f"{o + 1}.{a + 1}"))
                indicators.append(ind)
            objectives.append((f"{o + 1}", acts))
        assignments = [
            self.t_asg.add_tracked(
                plan,
                i,
                f"{i + 1}",
                "Нэмэлт үүрэг: тайлан бэлтгэх",
                head["pk"],
                "Тайлан",
                "1",
                at=made,
                user_id=p["user"],
            )
            for i in range(2)
        ]
        goals = [
            self.t_kg.add_tracked(
                plan, i, f"{i + 1}", "Сургалтад хамрагдах", "Сертификат", "1", at=made, user_id=p["user"]
            )
            for i in range(2)
        ]
        unit_people = [q for q in people if q["unit"] == p["unit"] and q is not p]
        for period, states in (("H1", H1_STATES), ("Y", ANNUAL_STATES)):
            self.sheet(
                p,
                head,
                staff,
                cycles[period],
                period,
                plan,
                objectives,
                assignments,
                goals,
                unit_people,
                pick(rng, states),
            )
        if rng.random() < 0.6:
            held = date(year, 6, 20)
            self.t_interview.add_tracked(
                p["pk"],
                cycles["H1"],
                held,
                "Хагас жилийн ахиц",
                "Үргэлжлүүлэх",
                head["pk"],
                at(held, rng),
                at=at(held, rng),
                user_id=head["user"],
            )

    def sheet(
        self, p, head, staff, cycle, period, plan, objectives, assignments, goals, colleagues, state
    ) -> None:
        rng, year = self.rng, self.year
        reached = ORDER.index(state)
        base = date(year, 6, 1) if period == "H1" else date(year, 11, 25)
        opened = at(base - timedelta(days=20), rng)
        confirmed = state == "confirmed"
        total = Decimal(rng.randrange(620, 990)) / 10 if confirmed else None
        payload = None
        if confirmed and self.payload_template is not None:
            payload = Jsonb(
                self.payload_template
                | {"employee": self.payload_template.get("employee", {}) | {"name": p["name"]}}
            )
        sheet = self.t_sheet.add(
            p["pk"], cycle, plan, state, 1 + reached, p["name"] if reached else "", "Ахлах мэргэжилтэн" if reached else "",
            UNIT_NAMES[p["unit"]] if reached else "", head["name"] if reached else "", "Хэлтсийн дарга" if reached else "",
            payload, total, self.rating(total) if total is not None else "",
        )  # fmt: skip
        sheet_row = self.t_sheet.last
        self.t_sheet.changed(
            sheet_row,
            opened,
            p["user"],
            kind="+",
            status="draft",
            version=1,
            final_total=None,
            final_rating="",
        )
        scored = reached >= ORDER.index("assessed")
        filled = reached >= 1 or rng.random() < 0.6
        order = 0
        for code, acts in objectives:
            order += 1
            self.t_row.add_tracked(
                sheet, order, "objective", "", code, "Зорилт " + code, None, None, None, None, at=opened
            )
            for act, _ind, number in acts:
                order += 1
                perf = Decimal(rng.choice([42, 48, 54, 60])) if scored else None
                timely = Decimal(rng.choice([7, 10, 10])) if scored else None
                self.t_row.add_tracked(
                    sheet, order, "action", number, number, ACTION_TEXT, act, None, perf, timely, at=opened
                )
        for i, asg in enumerate(assignments):
            order += 1
            perf = Decimal(54) if scored else None
            self.t_row.add_tracked(
                sheet,
                order,
                "assignment",
                f"{i + 1}",
                "",
                "Нэмэлт үүрэг",
                None,
                asg,
                perf,
                Decimal(10) if scored else None,
                at=opened,
            )
        order = 0
        written = at(base - timedelta(days=rng.randrange(1, 10)), rng)
        for _code, acts in objectives:
            for _act, ind, _number in acts:
                order += 1
                self.t_entry.add_tracked(sheet, order, ind, None, None, "Төлөвлөсөн ажлыг хийж гүйцэтгэсэн" if filled else "",
                                         "100%" if filled else "", Decimal(rng.choice([70, 90, 100])) if filled else None, at=written, user_id=p["user"])  # fmt: skip
        for asg in assignments:
            order += 1
            self.t_entry.add_tracked(
                sheet,
                order,
                None,
                asg,
                None,
                "Тайлан хүргүүлсэн" if filled else "",
                "",
                Decimal(100) if filled else None,
                at=written,
                user_id=p["user"],
            )
        for i, goal in enumerate(goals):
            order += 1
            self.t_entry.add_tracked(
                sheet,
                order,
                None,
                None,
                goal,
                "Сургалтад хамрагдсан" if filled else "",
                "",
                Decimal(100) if filled else None,
                at=written,
                user_id=p["user"],
            )
            self.t_kscore.add_tracked(
                sheet, i, goal, f"{i + 1}", "Сургалтад хамрагдах", Decimal(100) if filled else None, at=opened
            )
        for i, criterion in enumerate(self.head_criteria):
            self.t_hscore.add_tracked(
                sheet, i, criterion, False, Decimal(rng.choice([5, 6, 7])) if scored else None, at=opened
            )
        if reached >= ORDER.index("verified"):  # the colleague round runs while the head verifies
            for colleague in colleagues[: rng.randrange(3, 6)]:
                self.t_csub.add(sheet, colleague["pk"])
                for c in range(self.colleague_criteria):
                    self.t_cscore.add(sheet, c + 1, Decimal(rng.choice([6, 7, 8])))
        day = written
        actors = {
            "self": p,
            "head": head,
            "leader": staff["eval_leader"],
            "secretary": staff["eval_secretary"],
            "orghead": staff["org_head"],
        }
        for s in ORDER[1 : reached + 1]:
            if s == "disputed" and state != "disputed":
                continue
            for step, decision, who in STEPS[s]:
                day = day + timedelta(hours=6 + rng.randrange(40))
                person = actors[who]
                self.t_event.add_tracked(
                    sheet,
                    step,
                    decision,
                    person["pk"],
                    person["name"],
                    "",
                    day,
                    day.date(),
                    at=day,
                    user_id=person["user"],
                )
                sheet_row = self.t_sheet.changed(
                    sheet_row, day, person["user"], status=s, version=ORDER.index(s) + 1
                )
            if s == "disputed":
                self.t_disagree.add_tracked(
                    sheet, "Гүйцэтгэлийн оноотой санал нийлэхгүй байна", day, at=day, user_id=p["user"]
                )
        if state == "draft" and period == "Y":
            self.t_reminder.add(
                p["pk"],
                sheet,
                f"report-due:{sheet}",
                "Тайлангийн хугацаа 12-р сарын 5-нд дуусна",
                f"/performance/sheets/{sheet}/report/",
                self.now,
            )

    def make_payload_template(self) -> None:
        """The frozen payload of a real confirmed sheet, built by the app from the first
        organization's rows; later confirmed sheets carry a copy under their own name."""
        self.loader.flush()
        sheet_model = apps.get_model("performance", "EvaluationSheet")
        from urdun.performance.payload import sheet_payload

        sheet = (
            sheet_model.objects.filter(status="confirmed")
            .select_related("employee__organization", "cycle__methodology")
            .first()
        )
        if sheet is None:
            return
        sheet.status = "reviewed"  # build it live, as confirmation does
        self.payload_template = json.loads(json.dumps(sheet_payload(sheet), default=str))
        with connection.cursor() as cursor:
            cursor.execute(
                "UPDATE performance_evaluationsheet SET confirmed_payload = %s WHERE status = 'confirmed' AND confirmed_payload IS NULL",
                [json.dumps(self.payload_template)],
            )


def database_size() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_database_size(current_database())")
        return cursor.fetchone()[0]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--employees", type=int, default=2_280, help="employees (22800 = 10 %% of the country)"
    )
    parser.add_argument("--year", type=int, default=2026)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--password", default="bench-password-18", help="every generated login's password")
    parser.add_argument("--batch", type=int, default=20_000, help="rows per COPY")
    parser.add_argument("--output", help="write the figures as JSON here")
    parser.add_argument("--progress", action="store_true")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        sys.exit("bench/generate.py loads with PostgreSQL COPY: set DATABASE_URL=postgres://…")
    org_model = apps.get_model("organizations", "Organization")
    if org_model.objects.filter(code="gen-00000").exists():
        sys.exit(
            "this database already holds a generated profile: use a fresh one (createdb …; manage.py migrate)"
        )
    size_before = database_size()
    load = os.getloadavg()
    started, cpu_start = time.perf_counter(), time.process_time()
    with transaction.atomic():
        profile = Profile(args)
        profile.loader.begin()
        server_cpu_start = profile.loader.server_cpu_seconds()
        profile.run()
        profile.loader.finish()
        loaded = time.perf_counter() - started
        client_cpu = time.process_time() - cpu_start
        server_cpu = profile.loader.server_cpu_seconds()
        if server_cpu is not None and server_cpu_start is not None:
            server_cpu -= server_cpu_start
        index_start = time.perf_counter()
        profile.loader.rebuild_indexes()
        indexing = time.perf_counter() - index_start
        check_start = time.perf_counter()
        checked = profile.loader.check_foreign_keys()
        checking = time.perf_counter() - check_start
    analyze_start = time.perf_counter()
    profile.loader.analyze()
    analyzing = time.perf_counter() - analyze_start
    rows = profile.loader.rows()
    counts = profile.loader.counts()
    size = database_size() - size_before
    result = {
        "employees": args.employees,
        "organizations": len(profile.tree),
        "rows": rows,
        "load_seconds": round(loaded, 1),
        "rows_per_second": round(rows / loaded),
        "rows_per_second_with_indexes_and_checks": round(rows / (loaded + indexing + checking)),
        "client_cpu_seconds": round(client_cpu, 1),
        "server_cpu_seconds": round(server_cpu, 1) if server_cpu is not None else None,
        "rows_per_cpu_second": round(rows / (client_cpu + (server_cpu or 0))),
        "index_rebuild_seconds": round(indexing, 1),
        "indexes_rebuilt": len(profile.loader.dropped_indexes),
        "foreign_key_check_seconds": round(checking, 1),
        "foreign_keys_checked": checked,
        "analyze_seconds": round(analyzing, 1),
        "database_bytes": size,
        "bytes_per_employee_year": round(size / args.employees),
        "load_average_before": [round(x, 2) for x in load],
        "load_average_after": [round(x, 2) for x in os.getloadavg()],
        "tables": counts,
        "logins": {
            "password": args.password,
            "organizations": [
                {
                    "code": f"gen-{i:05d}",
                    "kind": o["kind"],
                    "size": o["size"],
                    "people": [u for u, _ in o["people"]],
                    "staff": o["staff"],
                    "unit_heads": o["heads"],
                }  # fmt: skip
                for i, o in enumerate(profile.tree[:30])
            ],
        },
    }
    print(f"{'table':<44} {'rows':>12}")
    for name, count in sorted(counts.items(), key=lambda kv: -kv[1]):
        print(f"{name:<44} {count:>12,}")
    print(f"{'total':<44} {rows:>12,}")
    print(f"employees {args.employees:,} in {len(profile.tree):,} organizations; "
          f"{rows:,} rows in {loaded:.1f} s = {rows / loaded:,.0f} rows/s (goal ≥ 50,000); "
          f"{rows / (loaded + indexing + checking):,.0f} rows/s with the index rebuild and the checks; "
          f"{len(profile.loader.dropped_indexes)} secondary indexes rebuilt in {indexing:.1f} s; "
          f"foreign keys ({checked}) checked in {checking:.1f} s; ANALYZE {analyzing:.1f} s")  # fmt: skip
    print(f"CPU: generator {client_cpu:.1f} s, PostgreSQL backend {server_cpu or 0:.1f} s = "
          f"{result['rows_per_cpu_second']:,} rows per CPU-second")  # fmt: skip
    print(f"database grew by {size / 2**20:,.0f} MiB = {size / args.employees / 1024:,.1f} KiB per employee-year; "
          f"load average {load[0]:.2f} before, {os.getloadavg()[0]:.2f} after")  # fmt: skip
    if args.output:
        Path(args.output).parent.mkdir(parents=True, exist_ok=True)
        Path(args.output).write_text(json.dumps(result, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
