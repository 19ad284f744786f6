"""The report options, read from the URL's query string."""

from django import forms

from interviews.models import ResearchRound
from reports.figures.summaries import ReportOptions

DATE_FORMATS = ["%Y-%m-%d", "%d/%m/%Y"]


def _date_field(label):
    return forms.DateField(
        label=label,
        required=False,
        input_formats=DATE_FORMATS,
        widget=forms.DateInput(
            format="%Y-%m-%d", attrs={"type": "date", "class": "govuk-input psd-date-input"}
        ),
        error_messages={
            "invalid": f"Enter the date {label.lower()} as YYYY-MM-DD, for example 2020-03-31."
        },
    )


class ReportOptionsForm(forms.Form):
    ALL, ACTIVE = "all", "active"

    status = forms.ChoiceField(
        label="Which activities",
        choices=[(ALL, "All activities found"), (ACTIVE, "Active activities only")],
        required=False,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": "Choose which activities to count: “all” or “active”, not “%(value)s”."
        },
    )
    scoped_from = _date_field("Scoped from")
    scoped_to = _date_field("Scoped to")
    # Off by default: a place's figures count its own activities, as the study did.
    include_shared = forms.BooleanField(
        label="Count the activities each place shares with other places and the region-wide ones",
        required=False,
    )

    # The research round whose interview figures are shown, and one to compare it with:
    # short names (slugs) of rounds; an unknown one is an error, not a silent default.
    interview_round = forms.SlugField(label="Research round", required=False)
    compare_round = forms.SlugField(label="Compare with", required=False)

    def clean(self):
        cleaned = super().clean()
        chosen = [n for n in ("interview_round", "compare_round") if cleaned.get(n)]
        known = set(ResearchRound.objects.values_list("slug", flat=True)) if chosen else set()
        for name in chosen:
            if cleaned[name] not in known:
                self.add_error(
                    name,
                    f"There is no research round “{cleaned[name]}”; choose one of "
                    + ", ".join(sorted(known))
                    + ".",
                )
        start, end = cleaned.get("scoped_from"), cleaned.get("scoped_to")
        if start and end and start > end:
            self.add_error(
                "scoped_to", "The “scoped to” date must be the same as or after “scoped from”."
            )
        return cleaned

    def options(self):
        """The valid options; call after ``is_valid()``."""
        data = self.cleaned_data
        return ReportOptions(
            active_only=data.get("status") == self.ACTIVE,
            scoped_from=data.get("scoped_from"),
            scoped_to=data.get("scoped_to"),
            include_shared=bool(data.get("include_shared")),
            interview_round=data.get("interview_round") or "",
            compare_round=data.get("compare_round") or "",
        )
