from __future__ import annotations

import itertools
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from urdun.organizations.forms import StyledFormMixin
from urdun.performance.models import (
    Assignment,
    EvaluationCycle,
    Indicator,
    KnowledgeGoal,
    Period,
    PlanAction,
    PlanObjective,
    ProgressInterview,
    ReportEntry,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class ReportEntryForm(StyledFormMixin, forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput)

    class Meta:
        model = ReportEntry
        fields = ["achieved_text", "achieved_value", "actual_start", "actual_end", "completion", "status"]
        widgets = {
            "achieved_text": forms.Textarea(attrs={"rows": 3}),
            "actual_start": DateInput(),
            "actual_end": DateInput(),
            "completion": forms.NumberInput(attrs={"step": "any", "inputmode": "decimal"}),
        }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].required = False
        self.fields["completion"].min_value = None
        self.fields["completion"].validators = []
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version
        self.auto_id = f"entry-{self.instance.pk}-%s"

    def clean_completion(self) -> Any:
        value = self.cleaned_data.get("completion")
        if value is not None and not (0 <= value <= 100):
            raise forms.ValidationError(_("Enter a percentage between 0 and 100."))
        return value

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        start, end = data.get("actual_start"), data.get("actual_end")
        if start and end and end < start:
            self.add_error("actual_end", _("The end cannot be before the start."))
        return data


class ObjectiveForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PlanObjective
        fields = ["number", "text"]
        widgets = {"text": forms.Textarea(attrs={"rows": 2})}


class ActionForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = PlanAction
        fields = ["objective", "number", "text", "planned_start", "planned_end", "org_action"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "planned_start": DateInput(),
            "planned_end": DateInput(),
        }

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["objective"].queryset = PlanObjective.objects.filter(plan=plan)
        from urdun.plans.models import Action

        self.fields["org_action"].queryset = Action.objects.filter(
            plan__organization_id=plan.employee.organization_id
        ).order_by("plan_id", "code")

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if (
            data.get("planned_start")
            and data.get("planned_end")
            and data["planned_end"] < data["planned_start"]
        ):
            self.add_error("planned_end", _("The end cannot be before the start."))
        return data


class IndicatorForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Indicator
        fields = ["action", "name", "baseline", "target_half", "target_annual"]

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["action"].queryset = PlanAction.objects.filter(objective__plan=plan)


class AssignmentForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = Assignment
        fields = [
            "number",
            "text",
            "assigned_by",
            "assigned_by_text",
            "indicator",
            "baseline",
            "target",
            "planned_start",
            "planned_end",
        ]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "planned_start": DateInput(),
            "planned_end": DateInput(),
        }

    def __init__(self, *args: Any, plan: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from urdun.organizations.models import Employee

        self.fields["assigned_by"].queryset = Employee.objects.filter(
            organization_id=plan.employee.organization_id, is_active=True
        )


class KnowledgeGoalForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = KnowledgeGoal
        fields = ["number", "text", "indicator", "baseline", "target", "planned_start", "planned_end"]
        widgets = {
            "text": forms.Textarea(attrs={"rows": 2}),
            "planned_start": DateInput(),
            "planned_end": DateInput(),
        }


PLAN_FORMS = {
    "objective": ObjectiveForm,
    "action": ActionForm,
    "indicator": IndicatorForm,
    "assignment": AssignmentForm,
    "knowledge": KnowledgeGoalForm,
}


class CommentForm(StyledFormMixin, forms.Form):
    comment = forms.CharField(
        label=_("Comment or reason"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class AdjustmentForm(StyledFormMixin, forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300)
    clause = forms.CharField(label=_("Clause of the methodology"), max_length=32, required=False)
    points = forms.DecimalField(label=_("Points (negative for a deduction)"), max_digits=5, decimal_places=2)
    note = forms.CharField(label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2}))


class CycleCreateForm(StyledFormMixin, forms.Form):
    """A new evaluation cycle: its deadlines start from the methodology's defaults."""

    year = forms.IntegerField(label=_("Year"), min_value=2000, max_value=2100)
    period = forms.ChoiceField(label=_("Period"), choices=Period.choices)


class CycleDeadlinesForm(StyledFormMixin, forms.ModelForm):
    """The five deadlines of a cycle, in the order the work happens."""

    class Meta:
        model = EvaluationCycle
        fields = ["plan_approval_due", "report_due", "verification_due", "review_due", "confirmation_due"]
        widgets = {name: DateInput() for name in fields}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        given = {name: data[name] for name in self.Meta.fields if data.get(name)}
        steps = list(given)
        for earlier, later in itertools.pairwise(steps):
            if given[later] < given[earlier]:
                self.add_error(
                    later,
                    _("This deadline cannot come before “%(earlier)s”.")
                    % {"earlier": self.fields[earlier].label},
                )
        return data


class InterviewForm(StyledFormMixin, forms.ModelForm):
    class Meta:
        model = ProgressInterview
        fields = ["held_on", "discussed", "agreed"]
        widgets = {
            "held_on": DateInput(),
            "discussed": forms.Textarea(attrs={"rows": 4}),
            "agreed": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args: Any, cycle: EvaluationCycle, today: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.cycle, self.today = cycle, today

    def clean_held_on(self) -> Any:
        held_on = self.cleaned_data["held_on"]
        if held_on > self.today:
            raise forms.ValidationError(_("The interview cannot be in the future."))
        if held_on.year != self.cycle.year:
            raise forms.ValidationError(
                _("The interview of the %(year)s period is held in %(year)s.") % {"year": self.cycle.year}
            )
        return held_on
