from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from urdun.organizations.forms import StyledFormMixin
from urdun.organizations.models import Employee
from urdun.performance.payload import SheetNotFound, parse_period

RESCORE_CHOICES = [
    ("rule", _("by the rule")),
    ("apply", _("apply its values")),
    ("ignore", _("ignore it")),
]


class PerformanceImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Report file (DOCX, XLSX or text as in the sample)"))
    employee = forms.ModelChoiceField(label=_("Employee"), queryset=Employee.objects.none())
    period = forms.CharField(
        label=_("Period"),
        initial="2025-H1",
        max_length=8,
        help_text=_("2025-H1 for the half-year, 2025 for the year"),
    )

    rescores = forms.ChoiceField(
        label=_("The evaluation team's re-score column"),
        choices=RESCORE_CHOICES,
        initial="rule",
        required=False,
        help_text=_(
            "By the rule: applied when every value in it is a re-score (points 0–70 on a row with "
            "points), not applied when it also holds anything else."
        ),
    )

    def __init__(self, *args: Any, employees: QuerySet[Employee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["employee"].queryset = employees

    def clean_file(self) -> Any:
        upload = self.cleaned_data["file"]
        if upload.size > settings.IMPORT_MAX_BYTES:
            raise forms.ValidationError(_("The file is too large."))
        return upload

    def clean_rescores(self) -> str:
        return self.cleaned_data.get("rescores") or "rule"

    def clean_period(self) -> str:
        value = self.cleaned_data["period"].strip().upper()
        try:
            parse_period(value)
        except SheetNotFound as e:
            raise forms.ValidationError(str(e)) from None
        return value


class PlanImportForm(StyledFormMixin, forms.Form):
    file = forms.FileField(label=_("Plan file"), help_text=_("Tab-separated text, DOCX or XLSX."))
    legal_basis = forms.CharField(
        label=_("Legal basis"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
