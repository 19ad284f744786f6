"""The coded interviews as a REFI-QDA project (``.qdpx``, QDA-XML 1.0): a zip holding
``project.qde`` and each transcript's text in ``sources/<guid>.txt``.

One file holds one research round (the project is named after it), as each round is
analysed on its own. What leaves, and only that:

- the codebook as Codes, a theme's children nested in it;
- each approved, anonymised transcript whose consent holds, as a TextSource (nothing of a
  draft, an anonymised-but-not-approved transcript, the anonymiser's log or an identity);
- each coded excerpt as a PlainTextSelection at the same character offsets (end
  exclusive, as in the app), with a Coding per theme;
- coders as Users named "Coder 1", "Coder 2", ... (by account, oldest first): a name or a
  username is a person's, and another tool needs only to tell coders apart;
- each excerpt's memo as a Note, after the anonymiser has replaced every name the system
  knows in it (memos are typed by the team and never read through like a transcript);
- each participant as a Case known by their code, with their place, sector, role and
  whether they are paid or volunteer as Variables.

GUIDs are made from the records' ids (``guid``), so exporting again gives the same GUIDs
and a tool can tell a re-export from a new project. Every export is written to the access
log, once for each transcript it holds.
"""

import io
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from interviews.anonymisation.anonymiser import redact
from interviews.anonymisation.flag_decisions import directory_place_names
from interviews.anonymisation.known_names import all_known_names
from interviews.coding.codebook_csv import codebook_rows
from interviews.coding.models import final_coding
from interviews.models import AccessLogEntry, AnonymisationStatus, Excerpt, Interview
from interviews.personal_data.models import AccessEvent
from interviews.rounds.choice import round_file_name
from interviews.rounds.models import ResearchRound

NAMESPACE = "urn:QDA-XML:project:1.0"
# Fixed for this application, so the GUIDs of one record are the same in every export.
GUID_NAMESPACE = uuid.UUID("5a0c3f0e-2d6b-4c1e-9f52-3b8f6c1d7e41")
PROJECT_NAME = "Peer Support Directory: coded interviews"
VARIABLES = [  # (key, name): the excerpts workbook's column names
    ("place", "Place"),
    ("sector", "Sector"),
    ("role", "Role"),
    ("paid", "Paid or volunteer"),
]
MEMO_SEPARATOR = "\n\u241e\n"  # a line of the symbol for a record separator
# Characters XML 1.0 cannot hold, even escaped.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def guid(kind, *ids):
    """A record's GUID: the same for the same record in every export."""
    return str(uuid.uuid5(GUID_NAMESPACE, "/".join([kind, *map(str, ids)])))


def exported_interviews(research_round, hidden=()):
    """A research round's approved (so anonymised and read through) transcripts whose consent
    holds, but for ``hidden`` (those the reader is coding blind: their final coding is the
    first coder's)."""
    return (
        Interview.objects.consented()
        .in_round(research_round)
        .exclude(pk__in=hidden)
        .filter(status=AnonymisationStatus.APPROVED)
        .select_related("participant__place")
        .order_by("participant__code", "held_on", "pk")
    )


@dataclass
class QdpxFile:
    data: bytes
    transcripts: int
    excerpts: int
    themes: int
    file_name: str


def qdpx_export(*, by=None, research_round=None, hidden=()):
    """The ``.qdpx`` file of one research round (the current round unless given): its bytes
    and what it holds; each transcript in it is logged as exported by ``by`` (``None``: the
    command line). One round per project, as each round is analysed on its own. ``hidden``:
    interviews left out (those ``by`` is coding blind)."""
    research_round = research_round or ResearchRound.objects.current()
    interviews = list(exported_interviews(research_round, hidden))
    loaded = {interview.pk: interview for interview in interviews}
    # The final coding only: a second coder's work in progress, or the two coders' own
    # codings kept after they settled, stays in the app (docs/interviews-and-privacy.md).
    excerpts = list(
        Excerpt.objects.final().filter(interview__in=loaded).order_by("interview_id", "start", "pk")
    )
    themes = codebook_rows()
    coded_with = {}  # excerpt id: its themes' ids (rows of the link table, no model each)
    for excerpt_id, theme_id in Excerpt.themes.through.objects.filter(
        final_coding("excerpt__"), excerpt__interview__in=loaded
    ).values_list("excerpt_id", "theme_id"):
        coded_with.setdefault(excerpt_id, []).append(theme_id)
    names = {theme.pk: theme.name for theme in themes}
    for excerpt in excerpts:
        excerpt.interview = loaded[excerpt.interview_id]  # loaded already: no query each
        excerpt.theme_ids = sorted(coded_with.get(excerpt.pk, []), key=names.__getitem__)
    project = _project(interviews, excerpts, themes, research_round)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("project.qde", _xml_bytes(project))
        for interview in interviews:
            archive.writestr(f"sources/{guid('interview', interview.pk)}.txt", interview.transcript)
    with transaction.atomic():
        AccessLogEntry.objects.bulk_create(
            AccessLogEntry(
                user=by,
                participant_id=interview.participant_id,
                interview=interview,
                event=AccessEvent.EXCHANGE,
            )
            for interview in interviews
        )
    return QdpxFile(
        data=buffer.getvalue(),
        transcripts=len(interviews),
        excerpts=len(excerpts),
        themes=len(themes),
        file_name=round_file_name(
            f"coded-interviews-{timezone.localdate().isoformat()}", "qdpx", research_round
        ),
    )


def _text(value):
    return NOT_XML.sub("", str(value))


def _add(parent, tag, text=None, **attributes):
    element = ET.SubElement(
        parent, tag, {key: _text(value) for key, value in attributes.items() if value is not None}
    )
    if text is not None:
        element.text = _text(text)
    return element


def _xml_bytes(project):
    ET.indent(project)
    return ET.tostring(project, encoding="UTF-8", xml_declaration=True)


def _project(interviews, excerpts, themes, research_round):
    now = timezone.now().isoformat()
    project = ET.Element(
        "Project",
        {
            "xmlns": NAMESPACE,
            "name": f"{PROJECT_NAME}, {research_round.name}" if research_round else PROJECT_NAME,
            "origin": "Peer Support Directory",
            "creationDateTime": now,
        },
    )
    coders = _users(project, excerpts)
    _codebook(project, themes)
    _variables(project)
    _cases(project, interviews)
    _sources(project, interviews, excerpts, coders)
    _notes(project, excerpts, coders)
    _add(
        project,
        "Description",
        "Approved, anonymised interview transcripts of the peer support scoping study and "
        f"their coding, exported on {timezone.localdate():%d %B %Y}. Coders are numbered, "
        "participants known by their codes.",
    )
    return project


def _users(project, excerpts):
    """Each coder's GUID, by their account's id; named by number, never by name."""
    ids = sorted({e.coded_by_id for e in excerpts if e.coded_by_id is not None})
    coders = {pk: guid("user", pk) for pk in ids}
    if ids:
        users = _add(project, "Users")
        for number, pk in enumerate(ids, start=1):
            _add(users, "User", guid=coders[pk], name=f"Coder {number}")
    return coders


def _codebook(project, themes):
    """Themes as Codes; ``themes`` come parents first (``codebook_rows``)."""
    if not themes:
        return
    codes = _add(_add(project, "CodeBook"), "Codes")
    elements = {}
    for theme in themes:
        parent = elements.get(theme.parent_id, codes)
        code = _add(parent, "Code", guid=guid("theme", theme.pk), name=theme.name, isCodable="true")
        if theme.description:
            _add(code, "Description", theme.description)
        elements[theme.pk] = code


def _variables(project):
    variables = _add(project, "Variables")
    for key, name in VARIABLES:
        _add(variables, "Variable", guid=guid("variable", key), name=name, typeOfVariable="Text")


def participant_values(participant):
    """A participant's attributes as the Variables' text values."""
    return {
        "place": participant.place.name,
        "sector": participant.get_sector_display(),
        "role": participant.get_role_display(),
        "paid": "Paid" if participant.paid else "Volunteer",
    }


def _cases(project, interviews):
    if not interviews:
        return
    cases = _add(project, "Cases")
    by_participant = {}
    for interview in interviews:
        by_participant.setdefault(interview.participant, []).append(interview)
    for participant, theirs in by_participant.items():
        case = _add(cases, "Case", guid=guid("participant", participant.pk), name=participant.code)
        for key, value in participant_values(participant).items():
            entry = _add(case, "VariableValue")
            _add(entry, "VariableRef", targetGUID=guid("variable", key))
            _add(entry, "TextValue", value)
        for interview in theirs:
            _add(case, "SourceRef", targetGUID=guid("interview", interview.pk))


def source_name(interview):
    return f"{interview.participant.code} {interview.held_on:%Y-%m-%d}"


def _sources(project, interviews, excerpts, coders):
    if not interviews:
        return
    sources = _add(project, "Sources")
    by_interview = {}
    for excerpt in excerpts:
        by_interview.setdefault(excerpt.interview_id, []).append(excerpt)
    for interview in interviews:
        key = guid("interview", interview.pk)
        source = _add(
            sources,
            "TextSource",
            guid=key,
            name=source_name(interview),
            plainTextPath=f"internal://{key}.txt",
            creationDateTime=interview.approved_on and interview.approved_on.isoformat(),
        )
        for excerpt in by_interview.get(interview.pk, []):
            _selection(source, excerpt, coders)


def _selection(source, excerpt, coders):
    coder = coders.get(excerpt.coded_by_id)
    selection = _add(
        source,
        "PlainTextSelection",
        guid=guid("excerpt", excerpt.pk),
        startPosition=excerpt.start,
        endPosition=excerpt.end,
        creatingUser=coder,
        creationDateTime=excerpt.coded_on.isoformat(),
    )
    for theme_id in excerpt.theme_ids:
        coding = _add(
            selection,
            "Coding",
            guid=guid("coding", excerpt.pk, theme_id),
            creatingUser=coder,
            creationDateTime=excerpt.coded_on.isoformat(),
        )
        _add(coding, "CodeRef", targetGUID=guid("theme", theme_id))
    if excerpt.memo.strip():
        _add(selection, "NoteRef", targetGUID=guid("memo", excerpt.pk))


def _notes(project, excerpts, coders):
    memos = [e for e in excerpts if e.memo.strip()]
    if not memos:
        return
    notes = _add(project, "Notes")
    for excerpt, text in zip(memos, memos_anonymised([e.memo for e in memos]), strict=True):
        note = _add(
            notes,
            "Note",
            guid=guid("memo", excerpt.pk),
            name=f"Memo on {source_name(excerpt.interview)}, "
            f"characters {excerpt.start}-{excerpt.end}",
            creatingUser=coders.get(excerpt.coded_by_id),
            creationDateTime=excerpt.coded_on.isoformat(),
        )
        _add(note, "PlainTextContent", text)


def memos_anonymised(memos):
    """The memos with every name the system knows (and contact details) replaced.

    One run of the anonymiser over all of them, joined by a line no replacement can
    span; should one span it anyway (the count of memos comes out wrong), each memo is
    run on its own. Names are numbered across the memos: [NAME 1] is one person in all.
    """
    names, places = all_known_names(), directory_place_names()
    joined = redact(MEMO_SEPARATOR.join(memos), names=names, places=places).text
    parts = joined.split(MEMO_SEPARATOR)
    if len(parts) == len(memos):
        return parts
    return [redact(memo, names=names, places=places).text for memo in memos]
