"""A transcript's text read from the file a transcription service or an interviewer
delivers: Word (``.docx``), OpenDocument (``.odt``), plain text (``.txt``) or subtitles
(``.vtt``, ``.srt``).

Paragraphs are kept, one blank line between them; a subtitle file's cues are joined
into speaker turns ("Name: what they said"), a new paragraph whenever the speaker
changes. The file itself is read in memory and dropped once its text is out
(``transcript_upload.TranscriptUploadHandler`` keeps it off the disk); only the text
is saved, as if it had been pasted.

Every way a file can be wrong is a ``TranscriptFileError`` with a message for the person
who chose it: what was wrong and what is accepted.
"""

import html
import io
import re
import zipfile
from xml.sax import SAXException

import docx
from django.views.decorators.debug import sensitive_variables
from docx.opc.exceptions import PackageNotFoundError
from docx.table import Table
from lxml.etree import LxmlError
from odf import teletype
from odf.namespaces import TABLENS, TEXTNS
from odf.opendocument import load

MAX_BYTES = 5 * 1024 * 1024  # the largest file accepted: a long transcript is well under
MAX_UNZIPPED_BYTES = 25 * 1024 * 1024  # what a .docx or .odt may unpack to
SIZE_LIMIT = "5 MB"
KINDS = {  # each kind of file accepted, as a person would call it
    "docx": "a Word document",
    "odt": "an OpenDocument text file",
    "txt": "a plain text file",
    "vtt": "a WebVTT subtitles file",
    "srt": "a SubRip subtitles file",
}
ACCEPTED = ".docx, .odt, .txt, .vtt or .srt"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"


class TranscriptFileError(ValueError):
    """A file that gives no transcript; ``str(error)`` says why, for the person."""


def file_kind(name):
    """The accepted kind of file ``name`` is, by its ending (``docx``...), or an error."""
    ending = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ending in KINDS:
        return ending
    if ending == "doc":
        raise TranscriptFileError(
            "That is an old Word file (.doc): open it in Word or LibreOffice, save it as "
            f".docx, and choose that. Accepted: {ACCEPTED}."
        )
    raise TranscriptFileError(f"Choose a {ACCEPTED} file: “{name}” is none of those.")


@sensitive_variables("data", "text")
def transcript_from_file(*, name, data):
    """The transcript held in the file ``name`` whose bytes are ``data``."""
    kind = file_kind(name)
    if len(data) > MAX_BYTES:
        raise TranscriptFileError(f"The file is larger than {SIZE_LIMIT}: split it, or paste it.")
    if not data:
        raise TranscriptFileError("The file is empty.")
    text = READERS[kind](data)
    text = "\n\n".join(p for p in (_tidy(p) for p in text) if p)
    if not text:
        raise TranscriptFileError(f"The file, {KINDS[kind]}, has no text in it.")
    return text


def _tidy(paragraph):
    text = paragraph.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "")
    return "\n".join(line.rstrip() for line in text.split("\n")).strip()


def _unzipped(data, kind):
    """The zip archive a .docx or .odt is, checked before anything reads it whole."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        size = sum(member.file_size for member in archive.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        raise TranscriptFileError(
            f"The file is not {KINDS[kind]} (or it is damaged): open it and save it again."
        ) from None
    if size > MAX_UNZIPPED_BYTES:
        raise TranscriptFileError(
            f"The file unpacks to more than {MAX_UNZIPPED_BYTES // 2**20} MB: "
            "save it without pictures, or paste its text."
        )
    return archive


def _docx(data):
    _unzipped(data, "docx")
    try:
        document = docx.Document(io.BytesIO(data))
        paragraphs = []
        for block in document.iter_inner_content():
            if isinstance(block, Table):
                paragraphs.extend(_table_rows(block))
            else:
                paragraphs.append(block.text)
    except (PackageNotFoundError, KeyError, ValueError, LxmlError, zipfile.BadZipFile):
        raise TranscriptFileError(
            "The file is not a Word document (or it is damaged): open it in Word or "
            "LibreOffice and save it as .docx again."
        ) from None
    return paragraphs


def _table_rows(table):
    """A table's rows, each a paragraph: its cells' text joined by ": " (a transcript laid
    out as speaker | words reads as "Speaker: words")."""
    for table_row in table.rows:
        cells = []
        for cell in table_row.cells:
            text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        yield ": ".join(cells)


def _odt(data):
    archive = _unzipped(data, "odt")
    try:
        mimetype = archive.read("mimetype").strip()
    except KeyError:
        mimetype = b""
    if mimetype != ODT_MIMETYPE:
        raise TranscriptFileError(
            "The file is not an OpenDocument text (.odt) file: a spreadsheet or a presentation "
            "cannot be read as a transcript. Save the transcript from a word processor."
        )
    try:
        document = load(io.BytesIO(data))
    except (SAXException, KeyError, ValueError, zipfile.BadZipFile):
        raise TranscriptFileError(
            "The OpenDocument file is damaged: open it in LibreOffice and save it again."
        ) from None

    paragraphs = []

    def walk(element):
        for child in element.childNodes:
            if child.qname in ((TEXTNS, "p"), (TEXTNS, "h")):
                paragraphs.append(teletype.extractText(child))
            elif child.qname == (TABLENS, "table-row"):
                cells = [teletype.extractText(cell).strip() for cell in child.childNodes]
                paragraphs.append(": ".join(c for c in cells if c))
            elif child.nodeType == child.ELEMENT_NODE:
                walk(child)

    walk(document.text)
    return paragraphs


def _text(data):
    """Plain text: UTF-8 (with or without its mark), UTF-16 with its mark, or Windows'
    own encoding (what Notepad and Word's "Plain text" save)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            raise TranscriptFileError("The text file is damaged: save it again.") from None
    else:
        if b"\x00" in data:
            raise TranscriptFileError(
                f"The file is not plain text: choose the transcript as a {ACCEPTED} file."
            )
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError:
            text = data.decode("cp1252", errors="replace")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return re.split(r"\n[ \t]*\n", text)


TIMING = re.compile(r"^\s*(\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s+-->\s+(\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}")
VOICE = re.compile(r"^<v(?:\.[^\s>]*)?\s+([^>]+)>")
NAMED = re.compile(r"^([A-Z][\w.'\- ]{0,39}?):\s+(?=\S)")
TAG = re.compile(r"<[^>]*>")


def _cues(data, kind):
    """Each cue's text lines, in order, from a .vtt or .srt file."""
    text = _text(data)
    blocks = [block.strip("\n").split("\n") for block in text]
    if kind == "vtt" and not (blocks and blocks[0] and blocks[0][0].startswith("WEBVTT")):
        raise TranscriptFileError(
            "The file is not WebVTT subtitles: a .vtt file begins with the word WEBVTT."
        )
    cues = []
    for lines in blocks:
        timed = [i for i, line in enumerate(lines) if TIMING.match(line)]
        if timed:
            cues.append([line.strip() for line in lines[timed[0] + 1 :] if line.strip()])
    if not cues:
        raise TranscriptFileError(
            f"The file holds no subtitles: each cue of {KINDS[kind]} has a line of "
            "times such as 00:00:01.000 --> 00:00:04.000."
        )
    return cues


def _subtitles(kind):
    def read(data):
        turns = []  # [speaker or None, [what they said]]
        for lines in _cues(data, kind):
            cue = " ".join(lines)
            voice = VOICE.match(cue)
            speaker = voice.group(1).strip() if voice else None
            words = html.unescape(TAG.sub("", cue)).strip()
            named = NAMED.match(words) if speaker is None else None
            if named:
                speaker, words = named.group(1).strip(), words[named.end() :]
            if not words:
                continue
            if turns and (speaker is None or speaker == turns[-1][0]):
                turns[-1][1].append(words)
            else:
                turns.append([speaker, [words]])
        return [(f"{speaker}: " if speaker else "") + " ".join(words) for speaker, words in turns]

    return read


READERS = {
    "docx": _docx,
    "odt": _odt,
    "txt": _text,
    "vtt": _subtitles("vtt"),
    "srt": _subtitles("srt"),
}
