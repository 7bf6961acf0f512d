"""Organizations, their units, employees and the roles they hold."""

from __future__ import annotations

import hashlib
import secrets
from typing import TYPE_CHECKING

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

if TYPE_CHECKING:
    from urdun.organizations.permissions import Actor


class User(AbstractUser):
    """A login. People who work somewhere also have an Employee record."""

    language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    _actor: Actor | None = None


class OrganizationQuerySet(models.QuerySet["Organization"]):
    def for_user(self, user: User) -> OrganizationQuerySet:
        from urdun.organizations.permissions import actor_for

        return actor_for(user).scope_organizations(self)


class UnitQuerySet(models.QuerySet["Unit"]):
    def for_user(self, user: User) -> UnitQuerySet:
        from urdun.organizations.permissions import actor_for

        return actor_for(user).scope_units(self)


class Organization(models.Model):
    class Kind(models.TextChoices):
        AIMAG_OFFICE = "aimag_office", _("Aimag governor's office")
        SOUM_OFFICE = "soum_office", _("Soum governor's office")
        AGENCY = "agency", _("Agency")
        OTHER = "other", _("Other organization")

    code = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("name"), max_length=255)
    short_name = models.CharField(_("short name"), max_length=64, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("parent organization"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    time_zone = models.CharField(_("time zone"), max_length=64, default="Asia/Ulaanbaatar")
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = OrganizationQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")

    def __str__(self) -> str:
        return self.name


class Unit(models.Model):
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.PROTECT, related_name="units"
    )
    name = models.CharField(_("name"), max_length=255)
    abbreviation = models.CharField(_("abbreviation"), max_length=32, blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = UnitQuerySet.as_manager()

    class Meta:
        ordering = ["organization_id", "name"]
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        constraints = [
            models.UniqueConstraint(fields=["organization", "name"], name="unit_unique_name"),
            models.UniqueConstraint(
                fields=["organization", "abbreviation"],
                condition=~Q(abbreviation=""),
                name="unit_unique_abbreviation",
            ),
        ]

    def __str__(self) -> str:
        return self.abbreviation or self.name


class EmployeeQuerySet(models.QuerySet["Employee"]):
    def active(self) -> EmployeeQuerySet:
        return self.filter(is_active=True)

    def for_user(self, user: User) -> EmployeeQuerySet:
        from urdun.organizations.permissions import actor_for

        return actor_for(user).scope_employees(self)


class Employee(models.Model):
    class Category(models.TextChoices):
        CORE = "core", _("Core civil servant")
        ADMINISTRATIVE = "administrative", _("Administrative civil servant")
        SERVICE = "service", _("Public service employee")
        SUPPORT = "support", _("Support staff")

    user = models.OneToOneField(
        User,
        verbose_name=_("login account"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="employee",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        related_name="employees",
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="employees",
    )
    family_name = models.CharField(
        _("family name"), max_length=100, help_text=_("Father's or mother's name (ovog).")
    )
    given_name = models.CharField(_("given name"), max_length=100)
    position = models.CharField(_("position title"), max_length=400, blank=True)
    category = models.CharField(
        _("civil-service category"), max_length=20, choices=Category.choices, default=Category.CORE
    )
    email = models.EmailField(_("e-mail"), blank=True)
    is_active = models.BooleanField(_("active"), default=True)
    history = HistoricalRecords()

    objects = EmployeeQuerySet.as_manager()

    class Meta:
        ordering = ["given_name", "family_name"]
        verbose_name = _("employee")
        verbose_name_plural = _("employees")
        indexes = [models.Index(fields=["organization", "unit"])]

    def __str__(self) -> str:
        return self.short_name

    @property
    def short_name(self) -> str:
        """The official short form: initial of the family name, a dot, the given name."""
        initial = self.family_name[:1].upper()
        return f"{initial}.{self.given_name}" if initial else self.given_name

    @property
    def full_name(self) -> str:
        return f"{self.family_name} {self.given_name}".strip()


class Role(models.TextChoices):
    UNIT_HEAD = "unit_head", _("Unit head")
    EVAL_LEADER = "eval_leader", _("Evaluation team leader")
    EVAL_SECRETARY = "eval_secretary", _("Evaluation team secretary")
    EVAL_MEMBER = "eval_member", _("Evaluation team member")
    ME_OFFICER = "me_officer", _("M&E officer")
    HR_OFFICER = "hr_officer", _("HR officer")
    ORG_HEAD = "org_head", _("Organization head")
    ORG_ADMIN = "org_admin", _("Organization administrator")


EVALUATION_TEAM_ROLES = (Role.EVAL_LEADER, Role.EVAL_SECRETARY, Role.EVAL_MEMBER)


# Roles that may reach an organization's subtree (an aimag office over its soums and agencies,
# a national body over all): they read the organizations, plans and figures below, and act on
# nothing there.
SUBTREE_ROLES = ("me_officer", "org_head")


class RoleAssignment(models.Model):
    """A role held by an employee in an organization, optionally narrowed to one unit, or
    widened (for reading) to the organizations below it."""

    employee = models.ForeignKey(
        Employee, verbose_name=_("employee"), on_delete=models.CASCADE, related_name="roles"
    )
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    organization = models.ForeignKey(
        Organization, verbose_name=_("organization"), on_delete=models.CASCADE, related_name="+"
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    subtree = models.BooleanField(
        _("also over the organizations below"),
        default=False,
        help_text=_("Read the plans and figures of every organization under this one."),
    )
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("role assignment")
        verbose_name_plural = _("role assignments")
        ordering = ["organization_id", "role", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["employee", "role", "organization", "unit"],
                condition=Q(unit__isnull=False),
                name="role_unique_unit_scope",
            ),
            models.UniqueConstraint(
                fields=["employee", "role", "organization"],
                condition=Q(unit__isnull=True),
                name="role_unique_org_scope",
            ),
            # A unit head is always the head of a unit.
            models.CheckConstraint(
                condition=~Q(role="unit_head") | Q(unit__isnull=False),
                name="role_unit_head_has_unit",
            ),
            # Only the reading roles reach a subtree, and never from a unit.
            models.CheckConstraint(
                condition=Q(subtree=False) | (Q(role__in=SUBTREE_ROLES) & Q(unit__isnull=True)),
                name="role_subtree_reading_roles",
            ),
        ]

    def __str__(self) -> str:
        scope = self.unit or self.organization
        return f"{self.employee} — {self.get_role_display()} ({scope})"


class ApiToken(models.Model):
    """A token for integrations. Only its hash is stored; it acts as its user, within its scope."""

    class Scope(models.TextChoices):
        READ = "read", _("Read only")
        WRITE = "write", _("Read and write")

    user = models.ForeignKey(
        User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("name"), max_length=100)
    key_hash = models.CharField(_("key hash"), max_length=64, unique=True, editable=False)
    prefix = models.CharField(_("key prefix"), max_length=8, editable=False)
    scope = models.CharField(_("scope"), max_length=8, choices=Scope.choices, default=Scope.READ)
    created = models.DateTimeField(_("created"), auto_now_add=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True)

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")

    def __str__(self) -> str:
        return f"{self.name} ({self.prefix}…)"

    @staticmethod
    def hash_key(key: str) -> str:
        return hashlib.sha256(key.encode()).hexdigest()

    @classmethod
    def issue(cls, user: User, name: str, scope: str = "read") -> tuple[ApiToken, str]:
        """Create a token; the plain key is returned once and never stored."""
        key = "urd_" + secrets.token_urlsafe(32)
        token = cls.objects.create(
            user=user, name=name, scope=scope, key_hash=cls.hash_key(key), prefix=key[4:12]
        )
        return token, key
