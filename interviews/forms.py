from django import forms
from django.core.exceptions import ValidationError

from .models import Theme
from .services import span_from_quote

CODEBOOK_MAX_BYTES = 1024 * 1024


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if any(not str(v).isdigit() or int(v) >= 2**63 for v in value):
            raise ValidationError("Choose themes from the list.")
        return super()._check_values(value)

    def label_from_instance(self, theme):
        return f"{theme.parent.name} › {theme.name}" if theme.parent_id else theme.name


def themes_in_tree_order():
    return Theme.objects.select_related("parent").order_by("parent__name", "name")


class ExcerptForm(forms.Form):
    """A passage by its offsets (filled in by the page's script, or typed), or by its words."""

    start = forms.IntegerField(required=False, min_value=0, label="Start offset")
    end = forms.IntegerField(required=False, min_value=1, label="End offset")
    quote = forms.CharField(
        required=False,
        widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"}),
        label="Or paste the passage, word for word",
    )
    themes = ThemeChoiceField(
        queryset=themes_in_tree_order(), widget=forms.CheckboxSelectMultiple, label="Themes"
    )
    memo = forms.CharField(
        required=False, widget=forms.Textarea(attrs={"rows": 3, "class": "govuk-textarea"})
    )

    def __init__(self, *args, interview, **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview

    def clean(self):
        data = super().clean()
        start, end = data.get("start"), data.get("end")
        if start is not None and end is not None:
            return data
        if start is not None or end is not None:
            raise ValidationError("Give both the start and the end offset, or neither.")
        data["start"], data["end"] = span_from_quote(
            interview=self.interview, quote=data.get("quote", "")
        )
        return data


class ThemeMergeForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Theme.objects.order_by("name"), label="Merge this theme"
    )
    target = forms.ModelChoiceField(queryset=Theme.objects.order_by("name"), label="into this one")


class CodebookImportForm(forms.Form):
    file = forms.FileField(label="Codebook CSV (columns: name, parent, description)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CODEBOOK_MAX_BYTES:
            raise ValidationError("The file is larger than 1 MB; a codebook is much smaller.")
        try:
            return upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("Save the file as CSV UTF-8 and try again.") from None
