"""Consent forms as data: each version's statements (in their groups), information sheet and
dates. A version is frozen once a consent records it: what a participant agreed to never
changes underneath them; a revised form is a copy, as a new version."""

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.text import Truncator

from interviews.consent_forms.statement_keys import is_new_statement, key_problem


class ConsentFormVersionQuerySet(models.QuerySet):
    def with_use(self):
        return self.annotate(consent_count=models.Count("consents"))


class ConsentFormVersion(models.Model):
    """One version of the participant consent form and its information sheet."""

    version = models.PositiveIntegerField(unique=True, help_text="1 is the 2019-20 study's form.")
    title = models.CharField(max_length=200, default="Participant Consent Form")
    statements = models.JSONField(
        default=list,
        help_text="The statements participants tick, under the headings they are grouped in.",
    )
    information_sheet = models.TextField(
        help_text="The project information sheet given with this form, word for word."
    )
    withdraw_until = models.DateField(
        help_text="The last day the form promises participants they may withdraw."
    )
    kept_until = models.DateField(
        help_text="The day until which the form says what participants give is kept."
    )

    objects = ConsentFormVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-version"]
        verbose_name = "consent form version"
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="consent_form_version_from_1")
        ]

    def __str__(self):
        return f"{self.title}, version {self.version}"

    def is_used(self):
        """Signed by at least one participant: then it is frozen."""
        return self.pk is not None and self.consents.exists()

    def statement_keys(self):
        return [s["key"] for group in self.statements for s in group["statements"]]

    def new_statement_keys(self):
        """The names of this version's statements of a new kind (not the study's twelve)."""
        return [key for key in self.statement_keys() if is_new_statement(key)]

    def statement_texts(self):
        """{answer name: the statement's words} on this version."""
        return {s["key"]: s["text"] for group in self.statements for s in group["statements"]}

    def clean(self):
        if self.is_used() and self._differs_from_stored():
            raise ValidationError(
                f"Version {self.version} has been signed, so it cannot be changed: what "
                "participants agreed to must stay as they read it. Copy it to a new version "
                "and change the copy."
            )
        problems = statements_problems(self.statements)
        if problems:
            raise ValidationError({"statements": problems})

    def _differs_from_stored(self):
        stored = ConsentFormVersion.objects.filter(pk=self.pk).values(*FORM_FIELDS).first()
        return stored is not None and any(stored[f] != getattr(self, f) for f in FORM_FIELDS)


FORM_FIELDS = (
    "version",
    "title",
    "statements",
    "information_sheet",
    "withdraw_until",
    "kept_until",
)


def statements_problems(groups):
    """What is wrong with a version's statements, for the person editing them ([] if fine).

    A statement's name is one of the study's twelve (``CONSENT_ANSWERS``: the app knows what
    they mean) or a new one (``statement_keys.key_problem`` says what a name may be); each
    name once in a version. Every message names the group and the statement.
    """
    if not isinstance(groups, list) or not groups:
        return ["Write at least one heading with its statements."]
    problems, seen = [], set()
    for n, group in enumerate(groups, 1):
        heading = group.get("heading") if isinstance(group, dict) else None
        where = _group_name(n, heading)
        if not isinstance(heading, str) or not heading.strip():
            problems.append(f"{where} has no heading.")
        items = group.get("statements") if isinstance(group, dict) else None
        if not isinstance(items, list) or not items:
            problems.append(f"{where} has no statements.")
            continue
        for item in items:
            key = item.get("key") if isinstance(item, dict) else None
            text = item.get("text") if isinstance(item, dict) else None
            wrong = key_problem(key)
            if wrong:
                problems.append(f"{where}: “{key}” {wrong}.")
            elif key in seen:
                problems.append(f"{where}: “{key}” is used twice; each statement once.")
            elif not isinstance(text, str) or not text.strip():
                problems.append(f"{where}: the statement “{key}” has no words.")
            seen.add(key)
    if "happy_to_be_interviewed" not in seen and not problems:
        problems.append(
            "The form must ask happy_to_be_interviewed: no interview can be recorded without it."
        )
    return problems


def _group_name(n, heading):
    if isinstance(heading, str) and heading.strip():
        return f"Group {n} (“{Truncator(heading.strip()).chars(70)}”)"
    return f"Group {n}"


def current_form_pk():
    """The form a consent records unless told otherwise: the newest version."""
    return ConsentFormVersion.objects.order_by("-version").values_list("pk", flat=True).first()
