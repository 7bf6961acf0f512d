"""Demo data: the organizations and people of the two seed documents.

Idempotent: every record is looked up by its natural key and updated in place. Later steps
(plans, performance) register themselves in DEMO_STEPS and load the seed documents through
the importers.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass

from django.contrib.auth.hashers import make_password
from django.db import transaction

from urdun.organizations.models import Employee, Organization, Role, RoleAssignment, Unit, User

DEMO_PASSWORD = "urdun-demo"


@dataclass(frozen=True)
class Person:
    username: str
    family: str
    given: str
    unit: str | None
    position: str
    roles: tuple[tuple[str, str | None], ...] = ()  # (role, unit abbreviation or None = org-wide)


BAYANKHONGOR_UNITS = [
    ("НБХ", "Нийгмийн бодлогын хэлтэс"),
    ("ХШҮХ", "Хяналт шинжилгээ, үнэлгээний хэлтэс"),
    ("ТЗУХ", "Төрийн захиргаа, удирдлагын хэлтэс"),
    ("ДБХ", "Дотоод удирдлагын хэлтэс"),
]
BAYANKHONGOR_PEOPLE = [
    Person(
        "batsetseg",
        "Э",
        "Батцэцэг",
        "НБХ",
        "Хөдөлмөр, нийгмийн хамгаалал, халамж, нийгмийн даатгалын асуудал хариуцсан мэргэжилтэн",
    ),
    Person(
        "naranchimeg",
        "В",
        "Наранчимэг",
        "НБХ",
        "Нийгмийн бодлогын хэлтсийн дарга",
        ((Role.UNIT_HEAD, "НБХ"),),
    ),
    Person(
        "erdenebat",
        "Л",
        "Эрдэнэбат",
        "ХШҮХ",
        "Хяналт шинжилгээ, үнэлгээний хэлтсийн дарга",
        ((Role.EVAL_LEADER, None), (Role.UNIT_HEAD, "ХШҮХ"), (Role.ME_OFFICER, None)),
    ),
    Person(
        "sandagdorj",
        "Л",
        "Сандагдорж",
        "ТЗУХ",
        "Хүний нөөц, сургалт, сурталчилгаа хариуцсан мэргэжилтний үүргийг түр орлон гүйцэтгэгч",
        ((Role.EVAL_SECRETARY, None), (Role.HR_OFFICER, None)),
    ),
    Person(
        "khishigbaatar",
        "Л",
        "Хишигбаатар",
        None,
        "Аймгийн Засаг даргын Тамгын газрын даргын албан үүргийг түр орлон гүйцэтгэгч",
        ((Role.ORG_HEAD, None),),
    ),
    # Colleagues of the Social Policy Division who give the anonymous colleague scores.
    Person("oyunchimeg", "Б", "Оюунчимэг", "НБХ", "Боловсролын асуудал хариуцсан мэргэжилтэн"),
    Person("munkhzul", "Г", "Мөнхзул", "НБХ", "Эрүүл мэндийн асуудал хариуцсан мэргэжилтэн"),
    Person("enkhtuya", "Д", "Энхтуяа", "НБХ", "Соёл, спортын асуудал хариуцсан мэргэжилтэн"),
]

BAYAN_ULGII_UNITS = [
    ("ТЗУХ", "Төрийн захиргаа, удирдлагын хэлтэс"),
    ("ХОХБТХ", "Хөрөнгө оруулалт, хөгжлийн бодлого, төлөвлөлтийн хэлтэс"),
    ("ХЭЗХ", "Хууль, эрх зүйн хэлтэс"),
    ("НБХ", "Нийгмийн бодлогын хэлтэс"),
    ("СТСХ", "Санхүү, төрийн сангийн хэлтэс"),
    ("ХШҮДАХ", "Хяналт-шинжилгээ, үнэлгээ, дотоод аудитын хэлтэс"),
]
# Agencies of the aimag named in seed 000, kept as child organizations.
BAYAN_ULGII_AGENCIES = [
    ("bu-emg", "ЭМГ", "Эрүүл мэндийн газар"),
    ("bu-bsug", "БСУГ", "Боловсрол, соёл, урлагийн газар"),
    ("bu-khkhug", "ХХҮГ", "Хөдөлмөр, халамжийн үйлчилгээний газар"),
    ("bu-onog", "ОНӨГ", "Орон нутгийн өмчийн газар"),
    ("bu-gbkhzkhg", "ГБХЗХГ", "Гэр бүл, хүүхэд, залуучуудын хөгжлийн газар"),
    ("bu-gkhbkhbg", "ГХБХБГ", "Газрын харилцаа, барилга, хот байгуулалтын газар"),
    ("bu-skhaa", "СХАА", "Санхүү, хөрөнгө оруулалтын агентлаг"),
    ("bu-ubkh", "УБХ", "Улсын бүртгэлийн хэлтэс"),
]
BAYAN_ULGII_PEOPLE = [
    Person(
        "erbol.d",
        "Д",
        "Ербол",
        "ТЗУХ",
        "Төрийн захиргаа, удирдлагын хэлтсийн дарга",
        ((Role.UNIT_HEAD, "ТЗУХ"),),
    ),
    Person("khuralai", "Ө", "Хуралай", "ТЗУХ", "Төрийн үйлчилгээ хариуцсан мэргэжилтэн"),
    Person("arman.s", "С", "Арман", "ТЗУХ", "Мэдээллийн технологи хариуцсан мэргэжилтэн"),
    Person(
        "bolat.z",
        "З",
        "Болат",
        "ХОХБТХ",
        "Хөрөнгө оруулалт, хөгжлийн бодлого, төлөвлөлтийн хэлтсийн дарга",
        ((Role.UNIT_HEAD, "ХОХБТХ"),),
    ),
    Person("bolat.d", "Д", "Болат", "ХОХБТХ", "Дэд бүтэц хариуцсан мэргэжилтэн"),
    Person("arman.kh", "Х", "Арман", "ХОХБТХ", "Хөгжлийн бодлого хариуцсан мэргэжилтэн"),
    Person("khozybai", "А", "Хозыбай", "ХОХБТХ", "Харилцаа холбоо хариуцсан мэргэжилтэн"),
    Person("bekzhan", "К", "Бекжан", "НБХ", "Нийгмийн бодлогын хэлтсийн дарга", ((Role.UNIT_HEAD, "НБХ"),)),
    Person("aigul", "С", "Айгүл", "НБХ", "Эрүүл мэндийн асуудал хариуцсан мэргэжилтэн"),
    Person("serikzhan", "Т", "Серикжан", "НБХ", "Эрүүл мэндийн мэдээлэл хариуцсан мэргэжилтэн"),
    Person("zaure", "Х", "Зауре", "НБХ", "Боловсролын асуудал хариуцсан мэргэжилтэн"),
    Person("avzhat", "Р", "Авжат", "НБХ", "Сургуулийн өмнөх боловсрол хариуцсан мэргэжилтэн"),
    Person("amalkhan", "К", "Амалхан", "НБХ", "Нийгмийн эрүүл мэнд хариуцсан мэргэжилтэн"),
    Person("syezkhan", "Б", "Съезхан", "НБХ", "Хөдөлмөр, халамж хариуцсан мэргэжилтэн"),
    Person("nansalmaa", "Т", "Нансалмаа", "НБХ", "Гэр бүл, хүүхэд хариуцсан мэргэжилтэн"),
    Person("nurbek", "Б", "Нурбек", "НБХ", "Хөдөлмөр эрхлэлт хариуцсан мэргэжилтэн"),
    Person(
        "erbol.kh", "Х", "Ербол", "СТСХ", "Санхүү, төрийн сангийн хэлтсийн дарга", ((Role.UNIT_HEAD, "СТСХ"),)
    ),
    Person("khuatkhan", "Р", "Хуатхан", "СТСХ", "Төсөв хариуцсан мэргэжилтэн"),
    Person("nazym", "Т", "Назым", "СТСХ", "Орон нутгийн өмч хариуцсан мэргэжилтэн"),
    Person("anar", "Х", "Анар", "СТСХ", "Худалдан авалт хариуцсан мэргэжилтэн"),
    # The M&E officer who assesses the plan (the seed names no one in ХШҮДАХ).
    Person(
        "aidos",
        "Ж",
        "Айдос",
        "ХШҮДАХ",
        "Хяналт-шинжилгээ, үнэлгээ хариуцсан мэргэжилтэн",
        ((Role.ME_OFFICER, None), (Role.UNIT_HEAD, "ХШҮДАХ")),
    ),
]


def _organization(
    code: str, name: str, short: str, kind: str, parent: Organization | None, tz: str
) -> Organization:
    org, _ = Organization.objects.update_or_create(
        code=code,
        defaults={"name": name, "short_name": short, "kind": kind, "parent": parent, "time_zone": tz},
    )
    return org


def _people(
    org: Organization, units: list[tuple[str, str]], people: list[Person], password: str
) -> list[tuple[str, str, str]]:
    by_abbr = {}
    for abbr, name in units:
        by_abbr[abbr], _ = Unit.objects.update_or_create(
            organization=org, abbreviation=abbr, defaults={"name": name}
        )
    logins = []
    for p in people:
        user, _ = User.objects.get_or_create(username=p.username)
        user.first_name, user.last_name = p.given, p.family
        user.password = password
        user.save()
        employee, _ = Employee.objects.update_or_create(
            user=user,
            defaults={
                "organization": org,
                "unit": by_abbr.get(p.unit) if p.unit else None,
                "family_name": p.family,
                "given_name": p.given,
                "position": p.position,
                "is_active": True,
            },
        )
        for role, unit in p.roles:
            RoleAssignment.objects.get_or_create(
                employee=employee, role=role, organization=org, unit=by_abbr.get(unit) if unit else None
            )
        roles = ", ".join(str(Role(r).label) for r, _ in p.roles)
        logins.append((p.username, employee.short_name, f"{org.code}: {roles or employee.position[:40]}"))
    return logins


def load_organizations() -> list[tuple[str, str, str]]:
    admin, _ = User.objects.get_or_create(username="admin", defaults={"is_staff": True, "is_superuser": True})
    admin.is_staff = admin.is_superuser = True
    # Hashing is deliberately slow; the demo hashes its one shared password once.
    password = make_password(DEMO_PASSWORD)
    admin.password = password
    admin.save()
    bayankhongor = _organization(
        "bayankhongor",
        "Баянхонгор аймгийн Засаг даргын Тамгын газар",
        "БхАЗДТГ",
        Organization.Kind.AIMAG_OFFICE,
        None,
        "Asia/Ulaanbaatar",
    )
    bayan_ulgii = _organization(
        "bayan-ulgii",
        "Баян-Өлгий аймгийн Засаг даргын Тамгын газар",
        "БӨАЗДТГ",
        Organization.Kind.AIMAG_OFFICE,
        None,
        "Asia/Hovd",
    )
    for code, abbr, name in BAYAN_ULGII_AGENCIES:
        _organization(code, name, abbr, Organization.Kind.AGENCY, bayan_ulgii, "Asia/Hovd")
    logins = [("admin", "—", "administrator")]
    logins += _people(bayankhongor, BAYANKHONGOR_UNITS, BAYANKHONGOR_PEOPLE, password)
    logins += _people(bayan_ulgii, BAYAN_ULGII_UNITS, BAYAN_ULGII_PEOPLE, password)
    return logins


# Later steps, in order: modules with a `load() -> list[str]` function (lines to print). Each is
# idempotent. Plans come first so that performance actions can cascade from plan actions.
DEMO_STEPS = ["urdun.imports.demo_plans", "urdun.imports.demo_performance", "urdun.imports.demo_results"]


def load_all() -> tuple[list[tuple[str, str, str]], list[str]]:
    with transaction.atomic():
        logins = load_organizations()
        notes: list[str] = []
        for name in DEMO_STEPS:
            try:
                module = importlib.import_module(name)
            except ModuleNotFoundError as e:
                if e.name != name:
                    raise
                continue
            notes += module.load()
    return logins, notes
