from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from simple_history.admin import SimpleHistoryAdmin

from urdun.organizations.models import ApiToken, Employee, Organization, RoleAssignment, Unit, User

admin.site.register(User, UserAdmin)


@admin.register(Organization)
class OrganizationAdmin(SimpleHistoryAdmin):
    list_display = ["code", "name", "kind", "parent"]
    search_fields = ["code", "name"]


@admin.register(Unit)
class UnitAdmin(SimpleHistoryAdmin):
    list_display = ["name", "abbreviation", "organization"]
    list_filter = ["organization"]
    search_fields = ["name", "abbreviation"]


@admin.register(Employee)
class EmployeeAdmin(SimpleHistoryAdmin):
    list_display = ["short_name", "position", "unit", "organization", "is_active"]
    list_filter = ["organization", "is_active"]
    search_fields = ["given_name", "family_name", "user__username"]
    raw_id_fields = ["user"]
    list_select_related = ["unit", "organization"]


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(SimpleHistoryAdmin):
    list_display = ["employee", "role", "organization", "unit"]
    list_filter = ["role", "organization"]
    raw_id_fields = ["employee"]


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    list_display = ["name", "user", "scope", "prefix", "created", "last_used"]
