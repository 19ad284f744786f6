"""The coding forms: a passage and its themes (``ExcerptForm``), merging two themes, the
codebook CSV upload, and naming a transcript's two coders."""

from django import forms
from django.core.exceptions import ValidationError

from interviews.coding.services import span_from_quote
from interviews.models import Theme
from interviews.recording.forms import interview_team
from scoping.shared.admin_widgets import SafeModelChoiceField
from scoping.shared.ids import is_database_id

CODEBOOK_MAX_BYTES = 1024 * 1024


class ThemeChoiceField(forms.ModelMultipleChoiceField):
    def _check_values(self, value):
        if not all(is_database_id(v) for v in value):
            raise ValidationError("Choose themes from the list.")
        return super()._check_values(value)

    def label_from_instance(self, theme):
        return theme.name  # shown under its parent's heading (``ExcerptForm.theme_groups``)


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

    def __init__(self, *args, interview, recent=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.interview = interview
        self.recent = list(recent)

    def theme_groups(self):
        """The theme checkboxes: recently used first, then the codebook by parent theme.

        ``(heading, checkboxes, open)``: each checkbox appears once; a group is shown
        open when it is the recent one or holds a ticked theme (the rest fold).
        """
        boxes, themes = {}, []
        for box in self["themes"]:  # one query: each choice's value carries its theme
            boxes[str(box.data["value"])] = box
            themes.append(box.data["value"].instance)
        recent_keys = [str(pk) for pk in self.recent if str(pk) in boxes]
        groups = []
        if recent_keys:
            groups.append(("Recently used", [boxes[k] for k in recent_keys], True))
        shown = set(recent_keys)
        parents = [t for t in themes if t.parent_id is None]
        children = {}
        for theme in themes:
            if theme.parent_id is not None:
                children.setdefault(theme.parent_id, []).append(theme)
        for parent in sorted(parents, key=lambda t: t.name):
            members = [parent, *children.pop(parent.pk, [])]
            keys = [str(t.pk) for t in members if str(t.pk) not in shown]
            if keys:
                groups.append(_group(parent.name, [boxes[k] for k in keys]))
        leftovers = [t for rest in children.values() for t in rest if str(t.pk) not in shown]
        if leftovers:  # deeper levels: under their own heading
            groups.append(_group("Other themes", [boxes[str(t.pk)] for t in leftovers]))
        return groups

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

    def coding(self):
        """What the coding services take from a valid form: the span, themes and memo."""
        return {name: self.cleaned_data[name] for name in ("start", "end", "themes", "memo")}


class ThemeMergeForm(forms.Form):
    source = forms.ModelChoiceField(
        queryset=Theme.objects.order_by("name"), label="Merge this theme"
    )
    target = forms.ModelChoiceField(queryset=Theme.objects.order_by("name"), label="into this one")


class CodebookImportForm(forms.Form):
    file = forms.FileField(label="Codebook CSV (columns: name, parent, description, source)")

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > CODEBOOK_MAX_BYTES:
            raise ValidationError("The file is larger than 1 MB; a codebook is much smaller.")
        try:
            text = upload.read().decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ValidationError("Save the file as CSV UTF-8 and try again.") from None
        if "\x00" in text:  # no database column may hold one; a CSV text file never does
            raise ValidationError("The file holds NUL characters: it is not a CSV text file.")
        return text


def _group(heading, boxes):
    return (heading, boxes, any(box.data["selected"] for box in boxes))


class CoderField(SafeModelChoiceField):
    def __init__(self, **kwargs):
        super().__init__(
            queryset=interview_team(),
            widget=forms.Select(attrs={"class": "govuk-select"}),
            **kwargs,
        )

    def label_from_instance(self, user):
        return user.get_full_name() or user.get_username()


class DoubleCodingStartForm(forms.Form):
    """Name the two coders of a transcript (members of the Interview team)."""

    first_coder = CoderField(
        label="First coder",
        help_text="Whoever coded this transcript so far, if anyone: their excerpts become the "
        "first coder's coding.",
    )
    second_coder = CoderField(
        label="Second coder", help_text="Codes the transcript without seeing the first's excerpts."
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        team = [("", "Choose a member of the team")] + [
            (user.pk, self.fields["first_coder"].label_from_instance(user))
            for user in interview_team()
        ]  # one query for both lists
        for name in ("first_coder", "second_coder"):
            self.fields[name].choices = team

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("first_coder") and cleaned.get("first_coder") == cleaned.get("second_coder"):
            self.add_error("second_coder", "Choose someone other than the first coder.")
        return cleaned
