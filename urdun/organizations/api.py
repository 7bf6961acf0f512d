from __future__ import annotations

from django.db.models import QuerySet
from django.utils.translation import gettext as _
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import PermissionDenied
from rest_framework.routers import SimpleRouter

from urdun.organizations.models import Employee, Organization, RoleAssignment, Unit
from urdun.organizations.permissions import actor_for, can
from urdun.organizations.services import save_employee


class OrganizationSerializer(serializers.ModelSerializer):
    parent = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Organization
        fields = ["id", "code", "name", "short_name", "kind", "parent", "time_zone", "is_active"]


class UnitSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = Unit
        fields = ["id", "organization", "name", "abbreviation", "is_active"]


class EmployeeSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", queryset=Organization.objects.all())
    username = serializers.CharField(source="user.username", required=False, allow_blank=True)
    short_name = serializers.CharField(read_only=True)

    class Meta:
        model = Employee
        fields = [
            "id",
            "organization",
            "unit",
            "username",
            "family_name",
            "given_name",
            "short_name",
            "position",
            "category",
            "email",
            "is_active",
        ]

    def validate(self, attrs: dict) -> dict:
        org = attrs.get("organization") or getattr(self.instance, "organization", None)
        unit = attrs.get("unit")
        if unit is not None and org is not None and unit.organization_id != org.pk:
            raise serializers.ValidationError({"unit": _("The unit belongs to another organization.")})
        if not can(self.context["request"].user, "organizations.manage_employee", Employee(organization=org)):
            raise PermissionDenied()
        return attrs

    def create(self, validated: dict) -> Employee:
        username = validated.pop("user", {}).get("username", "")
        return save_employee(Employee(**validated), username)

    def update(self, instance: Employee, validated: dict) -> Employee:
        username = validated.pop("user", {}).get("username", instance.user.username if instance.user else "")
        for key, value in validated.items():
            setattr(instance, key, value)
        return save_employee(instance, username)


class RoleAssignmentSerializer(serializers.ModelSerializer):
    organization = serializers.SlugRelatedField(slug_field="code", read_only=True)

    class Meta:
        model = RoleAssignment
        fields = ["id", "employee", "role", "organization", "unit"]


class OrganizationViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = OrganizationSerializer
    permission = "organizations.view_organization"
    lookup_field = "code"

    def get_queryset(self) -> QuerySet[Organization]:
        return Organization.objects.for_user(self.request.user).select_related("parent")


class UnitViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = UnitSerializer
    permission = "organizations.view_organization"

    def get_queryset(self) -> QuerySet[Unit]:
        return Unit.objects.for_user(self.request.user).select_related("organization")

    def get_object(self) -> Unit:
        unit = super().get_object()
        return unit

    def check_object_permissions(self, request, obj: Unit) -> None:  # type: ignore[override]
        super().check_object_permissions(request, obj.organization)


class EmployeeViewSet(mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.ReadOnlyModelViewSet):
    serializer_class = EmployeeSerializer
    permission = "organizations.view_employee"
    write_permission = "organizations.manage_employee"

    def get_queryset(self) -> QuerySet[Employee]:
        return Employee.objects.for_user(self.request.user).select_related("organization", "user")


class RoleAssignmentViewSet(viewsets.ReadOnlyModelViewSet):
    serializer_class = RoleAssignmentSerializer
    permission = "organizations.view_employee"

    def get_queryset(self) -> QuerySet[RoleAssignment]:
        actor = actor_for(self.request.user)
        return RoleAssignment.objects.filter(actor.employee_filter("employee__")).select_related(
            "organization", "employee"
        )

    def check_object_permissions(self, request, obj: RoleAssignment) -> None:  # type: ignore[override]
        super().check_object_permissions(request, obj.employee)


router = SimpleRouter()
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("units", UnitViewSet, basename="unit")
router.register("employees", EmployeeViewSet, basename="employee")
router.register("roles", RoleAssignmentViewSet, basename="role")
urlpatterns = router.urls
