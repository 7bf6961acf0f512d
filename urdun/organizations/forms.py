from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from urdun.organizations.models import Employee, Organization, Role, RoleAssignment, Unit


class StyledFormMixin:
    """Gives every widget Bootstrap's classes, so templates render fields uniformly."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[call-arg]
        for field in self.fields.values():  # type: ignore[attr-defined]
            widget = field.widget
            if isinstance(widget, forms.CheckboxInput):
                css = "form-check-input"
            elif isinstance(widget, (forms.Select, forms.SelectMultiple)):
                css = "form-select"
            else:
                css = "form-control"
            widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class LanguageForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    next = forms.CharField(required=False, widget=forms.HiddenInput)


class OrganizationForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Organization
        fields = ["code", "name", "short_name", "kind", "parent", "time_zone", "is_active"]


class UnitForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Unit
        fields = ["name", "abbreviation", "is_active"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization


class EmployeeForm(StyledFormMixin, forms.ModelForm):
    username = forms.CharField(
        label=_("Username"), max_length=150, required=False, help_text=_("Leave empty for no login.")
    )

    class Meta:
        model = Employee
        fields = ["family_name", "given_name", "position", "unit", "category", "email", "is_active"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["unit"].queryset = organization.units.all()
        if self.instance.user_id:
            self.fields["username"].initial = self.instance.user.username


class RoleAssignmentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = RoleAssignment
        fields = ["employee", "role", "unit"]

    def __init__(self, *args: Any, organization: Organization, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.instance.organization = organization
        self.fields["employee"].queryset = organization.employees.active()
        self.fields["unit"].queryset = organization.units.all()

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if data.get("role") == Role.UNIT_HEAD and not data.get("unit"):
            self.add_error("unit", _("A unit head must be assigned to a unit."))
        return data


class EmployeeImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("File (XLSX or CSV)"))


from django.contrib.auth import forms as auth_forms  # noqa: E402


class LoginForm(StyledFormMixin, auth_forms.AuthenticationForm):
    pass


class PasswordChangeForm(StyledFormMixin, auth_forms.PasswordChangeForm):
    pass


class PasswordResetForm(StyledFormMixin, auth_forms.PasswordResetForm):
    pass


class SetPasswordForm(StyledFormMixin, auth_forms.SetPasswordForm):
    pass
