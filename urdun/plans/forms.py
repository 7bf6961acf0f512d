from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from urdun.organizations.forms import StyledFormMixin
from urdun.plans.models import ROMAN, Assessment, Plan, PlanSettings, ReportingPeriod

QUARTER_CHOICES = [(str(i + 1), r) for i, r in enumerate(ROMAN)]


class PlanForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["title", "year", "period_start", "period_end", "legal_basis"]
        widgets = {
            "period_start": forms.DateInput(attrs={"type": "date"}),
            "period_end": forms.DateInput(attrs={"type": "date"}),
            "legal_basis": forms.Textarea(attrs={"rows": 2}),
        }


class SectionForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    title = forms.CharField(label=_("Title"), max_length=500)


class ObjectiveForm(StyledFormMixin, forms.Form):
    code = forms.CharField(label=_("Code"), max_length=20)
    text = forms.CharField(label=_("Objective"), widget=forms.Textarea(attrs={"rows": 2}))


class ActionForm(StyledFormMixin, forms.Form):
    row = forms.IntegerField(label=_("Row"), min_value=1, required=False)
    code = forms.CharField(label=_("Code"), max_length=20)
    text = forms.CharField(label=_("Action"), widget=forms.Textarea(attrs={"rows": 3}))
    quarters = forms.MultipleChoiceField(
        label=_("Quarters"), choices=QUARTER_CHOICES, widget=forms.CheckboxSelectMultiple
    )
    baseline = forms.CharField(label=_("Baseline"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    target = forms.CharField(
        label=_("Target / result indicator"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    responsibles = forms.CharField(
        label=_("Responsible organizations, units and officials"),
        required=False,
        help_text=_("Separated by commas, as in the plan: ТЗУХ, Д.Ербол"),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["quarters"].widget.attrs["class"] = "form-check-input"


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return single(data, initial)


class ProgressForm(StyledFormMixin, forms.Form):
    done = forms.CharField(label=_("What was done"), widget=forms.Textarea(attrs={"rows": 3}))
    achieved_value = forms.CharField(label=_("Achieved value"), max_length=500, required=False)
    links = forms.CharField(
        label=_("Links"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("One web address per line."),
    )
    files = MultipleFileField(
        label=_("Evidence files"),
        required=False,
        widget=MultipleFileInput(attrs={"accept": ".pdf,.png,.jpg,.jpeg,.docx,.xlsx"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        limit = settings.EVIDENCE_MAX_BYTES // (1024 * 1024) or 1
        self.fields["files"].help_text = _("PDF, PNG, JPG, DOCX or XLSX, up to %(limit)s MB.") % {
            "limit": limit
        }


class AssessmentForm(StyledFormMixin, forms.Form):
    status = forms.ChoiceField(label=_("Assessment"), choices=Assessment.Status.choices)
    percent = forms.CharField(label=_("Implementation %"), required=False)
    comment = forms.CharField(label=_("Comment"), required=False, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args: Any, scale: PlanSettings | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if scale is not None and not scale.allow_free_percent:
            self.fields["percent"] = forms.ChoiceField(
                label=_("Implementation %"),
                required=False,
                choices=[("", "—")] + [(f"{v.normalize():f}", f"{v.normalize():f}%") for v in scale.levels],
            )
            self.fields["percent"].widget.attrs["class"] = "form-select"


class PeriodForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ReportingPeriod
        fields = ["deadline"]
        widgets = {"deadline": forms.DateInput(attrs={"type": "date"})}


class YearForm(StyledFormMixin, forms.Form):
    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)


class ScaleForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PlanSettings
        fields = ["scale_levels", "allow_free_percent"]

    def clean_scale_levels(self) -> str:
        from decimal import Decimal, InvalidOperation

        raw = self.cleaned_data["scale_levels"]
        try:
            values = sorted({Decimal(p.strip()) for p in raw.split(",") if p.strip()})
        except InvalidOperation:
            raise forms.ValidationError(_("Give numbers separated by commas.")) from None
        if not values or any(v < 0 or v > 100 for v in values):
            raise forms.ValidationError(_("Every level must be between 0 and 100."))
        return ",".join(f"{v.normalize():f}" for v in values)


class ResolveForm(StyledFormMixin, forms.Form):
    target = forms.ChoiceField(label=_("Link to"), required=False)

    def __init__(self, *args: Any, choices: list[tuple[str, Any]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["target"].choices = [("", "—")] + choices
