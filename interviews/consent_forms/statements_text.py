"""A consent form version's statements as the admin edits them: plain lines, not data.

    ## Please read the following statements and tick all that apply
    read_information_sheet: I have read the project information sheet and understand ...
    wants_to_take_part: I want to take part in the scoping project

A line starting ``##`` is a heading; each line under it is a statement's name, a colon and
its words. The name is one of the study's twelve or a new one (``statement_keys``). A line
that is not a heading or a name and words is reported by line; a wrong name, by its group
(``statements_problems``).
"""

from django import forms
from django.core.exceptions import ValidationError

from interviews.consent_forms.models import statements_problems


def statements_as_text(groups):
    lines = []
    for group in groups or []:
        lines.append(f"## {group['heading']}")
        lines += [f"{s['key']}: {s['text']}" for s in group["statements"]]
        lines.append("")
    return "\n".join(lines).strip()


def statements_from_text(text):
    groups, errors = [], []
    for number, line in enumerate(text.splitlines(), 1):
        line = line.strip()
        if not line:
            continue
        if line.startswith("##"):
            groups.append({"heading": line.lstrip("#").strip(), "statements": []})
            continue
        key, colon, words = line.partition(":")
        if not groups:
            errors.append(f"Line {number}: start with a heading (a line beginning ##).")
        elif not colon:
            errors.append(
                f"Line {number}: begin with the answer's name and a colon, e.g. "
                "“wants_to_take_part: I want to take part” or, for a new statement, "
                "“video_recorded: I agree to my interview being video recorded”."
            )
        else:
            groups[-1]["statements"].append({"key": key.strip(), "text": words.strip()})
    if errors:
        raise ValidationError(errors)
    problems = statements_problems(groups)
    if problems:
        raise ValidationError(problems)
    return groups


class StatementsField(forms.CharField):
    widget = forms.Textarea(attrs={"rows": 20, "cols": 100})

    def prepare_value(self, value):
        return value if isinstance(value, str) else statements_as_text(value)

    def to_python(self, value):
        return statements_from_text(super().to_python(value) or "")

    def has_changed(self, initial, data):
        try:
            return self.to_python(data) != initial
        except ValidationError:
            return True
