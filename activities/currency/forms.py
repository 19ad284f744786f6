"""The review queue's one form: why an activity is recorded as closed."""

from django import forms

from activities.currency.queue import ClosedBecause

DETAIL_MAX = 75  # with the prefix, fits the history's 100-character change reason


class ClosingForm(forms.Form):
    reason = forms.ChoiceField(
        label="Why has it closed?",
        choices=ClosedBecause.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose why it has closed.",
            "invalid_choice": "Choose one of the reasons listed.",
        },
    )
    detail = forms.CharField(
        label="The reason",
        required=False,
        max_length=DETAIL_MAX,
        error_messages={"max_length": f"Say it in {DETAIL_MAX} characters or fewer."},
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("reason") == ClosedBecause.OTHER and not cleaned.get("detail", "").strip():
            self.add_error("detail", "Say why it has closed.")
        return cleaned
