"""A withdrawn participant in everyone else's records: found wherever they are written
(``traces.PersonTraces``) in every text field of every interview table, and taken out.

What happens to each place a trace is found (after their own rows are deleted):

| where | what happens |
|---|---|
| others' transcripts | each trace replaced by its tag (``[NAME]``, ``[EMAIL]``, ``[PHONE]``, ``[WITHDRAWN]`` for the code); excerpts' offsets move with the text and their quotes are re-cut |
| others' redaction log: what was replaced (``original``) | the whole entry's original becomes ``WITHDRAWN_ORIGINAL`` (the entry still says a name was replaced there) |
| the names to anonymise, the safe words | the row is deleted when it names them (a whole name, nickname, contact or the code; a safe word: any part of their name): it only concerns them |
| the admin's log of interview rows | an entry whose description or change message names them is deleted |
| every other text field of every interview model (memos, kept-word reasons, shadowing notes, ...) | each trace replaced by its tag |
| the codebook (and its history) and the study's materials (question guides, signposting) | only whole names, nicknames, contact details and the code are replaced: a theme called "Hope" stays when a Mrs Hope withdraws |
| other participants' identities | untouched: a shared first name is not a trace of the withdrawn person |

Rows are written with ``QuerySet.update``: no signals, so no history row keeps the text.
"""

from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db import models

from interviews.erasure.traces import offset_shift
from interviews.models import (
    Consent,
    Excerpt,
    HistoricalTheme,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    RedactionLogEntry,
    SafeWord,
    Signposting,
    StaffName,
    Theme,
    Withdrawal,
)

WITHDRAWN_ORIGINAL = "[a withdrawn participant's details]"

# Fields handled on their own below (or deliberately kept: a code is not a trace of
# anyone once its participant is gone, and the tombstone keeps it by design).
SPECIAL = {
    (Interview, "transcript"),
    (Excerpt, "quote"),
    (RedactionLogEntry, "original"),
    (StaffName, "name"),
    (SafeWord, "word"),
    (Participant, "code"),
    (Withdrawal, "code"),
}
NOT_ABOUT_INTERVIEWS = {ParticipantIdentity}
# Reference material, not records of interviews: only whole traces are replaced here.
WHOLE_TRACES_ONLY = {Theme, HistoricalTheme, InterviewGuide, Signposting, Consent}


def text_fields():
    """(model, field name) of every free-text field of every interview model."""
    found = []
    for model in apps.get_app_config("interviews").get_models():
        if model in NOT_ABOUT_INTERVIEWS:
            continue
        for field in model._meta.concrete_fields:
            free_text = isinstance(field, models.CharField | models.TextField)
            if free_text and not field.choices and (model, field.name) not in SPECIAL:
                found.append((model, field.name))
    return found


def traces_erase(traces):
    """Take the person out of every interview table; return {place: rows changed}."""
    if traces.empty:
        return {}
    changed = {
        "transcripts": _transcripts(traces),
        "redaction log originals": _redaction_originals(traces),
        "names to anonymise": _rows_naming(traces, StaffName, "name", whole=True),
        "safe words": _rows_naming(traces, SafeWord, "word", whole=False),
        "admin log entries": _admin_log(traces),
    }
    for model, name in text_fields():
        changed[f"{model._meta.label}.{name}"] = _substitute(traces, model, name)
    return {place: count for place, count in changed.items() if count}


def _transcripts(traces):
    count = 0
    for interview in Interview.objects.only("pk", "transcript").iterator():
        text, found = traces.replace(interview.transcript)
        if not found:
            continue
        excerpts = list(Excerpt.objects.filter(interview=interview).only("start", "end", "quote"))
        for excerpt in excerpts:
            excerpt.start = offset_shift(excerpt.start, found)
            excerpt.end = offset_shift(excerpt.end, found, end=True)
            excerpt.quote = text[excerpt.start : excerpt.end]
        Excerpt.objects.bulk_update(excerpts, ["start", "end", "quote"])
        Interview.objects.filter(pk=interview.pk).update(transcript=text)
        count += 1
    return count


def _redaction_originals(traces):
    ids = [
        pk
        for pk, original in RedactionLogEntry.objects.values_list("pk", "original").iterator()
        if traces.find(original)
    ]
    return RedactionLogEntry.objects.filter(pk__in=ids).update(original=WITHDRAWN_ORIGINAL)


def _rows_naming(traces, model, name, *, whole):
    test = traces.concerns_only_them if whole else traces.find
    ids = [pk for pk, text in model.objects.values_list("pk", name).iterator() if test(text)]
    if ids:
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model),
            object_id__in=[str(pk) for pk in ids],
        ).delete()
    return model.objects.filter(pk__in=ids).delete()[0]


def _admin_log(traces):
    types = ContentType.objects.filter(app_label="interviews")
    ids = [
        pk
        for pk, described, message in LogEntry.objects.filter(content_type__in=types)
        .values_list("pk", "object_repr", "change_message")
        .iterator()
        if traces.find(described) or traces.find(message)
    ]
    return LogEntry.objects.filter(pk__in=ids).delete()[0]


def _substitute(traces, model, name):
    whole = model in WHOLE_TRACES_ONLY
    count = 0
    for pk, text in model.objects.exclude(**{name: ""}).values_list("pk", name).iterator():
        new, found = traces.replace(text or "", whole=whole)
        if found:
            model.objects.filter(pk=pk).update(**{name: new[: _max_length(model, name)]})
            count += 1
    return count


def _max_length(model, name):
    return model._meta.get_field(name).max_length or None
