"""The form of the Flagged words page: one decision on a flagged word."""

from django import forms

from interviews.anonymisation.flag_decisions import REASON_MAX, REDACT_TAGS


class FlagDecisionForm(forms.Form):
    """A decision on a flagged word: redact it or keep it (``flag_decisions.flag_resolve``)."""

    word = forms.CharField(max_length=200, widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        choices=[("redact", "Redact it everywhere in this transcript"), ("keep", "Keep it")],
        widget=forms.RadioSelect,
    )
    tag = forms.ChoiceField(
        choices=[(t, t) for t in REDACT_TAGS], required=False, label="Replace it with"
    )
    reason = forms.CharField(
        max_length=REASON_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
        label="Why it can stay (needed to keep it)",
    )
