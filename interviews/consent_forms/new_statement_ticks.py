"""The admin's consent form: the answers to statements of a new kind (beyond the study's
twelve) as tick boxes, one for each such statement any version of the form asks, saved into
``Consent.other_answers`` for the version chosen. Ticking one that version does not ask is
refused by ``Consent.clean``, as for the twelve."""

from django import forms

from interviews.models import Consent, ConsentFormVersion


def new_statement_choices():
    """[(name, label)] of every statement of a new kind on any version, the label in the
    newest version's words and naming the versions that ask it."""
    asked = {}
    for version in ConsentFormVersion.objects.order_by("version").only("version", "statements"):
        texts = version.statement_texts()
        for key in version.new_statement_keys():
            versions, _ = asked.get(key, ([], ""))
            asked[key] = ([*versions, str(version.version)], texts[key])
    return [
        (key, f"{text} ({key}; version{'s' if len(versions) > 1 else ''} {', '.join(versions)})")
        for key, (versions, text) in asked.items()
    ]


class NewStatementTicksField(forms.MultipleChoiceField):
    """The names of the new statements ticked; shown from ``{name: true or false}``."""

    widget = forms.CheckboxSelectMultiple

    def prepare_value(self, value):
        if isinstance(value, dict):
            return [key for key, ticked in value.items() if ticked is True]
        return value

    def has_changed(self, initial, data):
        return set(self.prepare_value(initial) or []) != set(data or [])


class ConsentAdminForm(forms.ModelForm):
    other_answers = NewStatementTicksField(
        required=False,
        label="New statements ticked",
        help_text="Statements of a new kind, beyond the study's twelve, that later versions of "
        "the form ask: tick those the participant ticked. Only those the version signed asks "
        "can be ticked; they are recorded and shown, and gate nothing.",
    )

    class Meta:
        model = Consent
        fields = "__all__"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        choices = new_statement_choices()
        field = self.fields["other_answers"]
        field.choices = choices
        if not choices:
            field.help_text = "No version of the form asks a statement beyond the study's twelve."

    def clean(self):
        """{name: ticked} for each new statement of the version chosen; one ticked that the
        version does not ask is kept, for ``Consent.clean`` to refuse by name."""
        cleaned = super().clean()
        if "other_answers" in cleaned:
            ticked = cleaned["other_answers"] or []
            version = cleaned.get("form")
            asked = version.new_statement_keys() if version else []
            cleaned["other_answers"] = {key: key in ticked for key in asked} | {
                key: True for key in ticked if key not in asked
            }
        return cleaned
