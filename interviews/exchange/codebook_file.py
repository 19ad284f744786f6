"""A REFI-QDA file's codebook read in as a new version of the codebook.

A ``.qdpx`` project (a zip holding ``project.qde``) or a ``.qdc`` codebook, from any tool:
its Codes become themes by name, a Code inside another under that theme, a Code's
Description the theme's description, as the codebook CSV's import does
(``codebook_apply``): every code or none, each problem naming the code by its place in
the file; each theme it changes gets a line in its history saying where the change came
from. Themes the file does not name are left as they are; a new theme is from the WY&H
interviews (a REFI-QDA file does not say where a code was found). Nothing but the
codebook is read: not the sources, codings, users or notes.
"""

import io
import zipfile
from typing import NamedTuple

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import ParseError, fromstring

from interviews.coding.codebook_csv import CodebookError, Row, codebook_apply

PROJECT_MAX_BYTES = 20 * 1024 * 1024  # project.qde once unzipped; the sources are not read
HISTORY_REASON = "Imported from a REFI-QDA file (.qdpx or .qdc)"


class Code(NamedTuple):
    name: str
    parent: str
    description: str


def _local(tag):
    """An element's name without its namespace: tools differ in the namespaces they write."""
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _children(element, name):
    return [child for child in element if _local(child.tag) == name]


def _project_xml(data):
    """The XML text of a .qdpx's ``project.qde``, or of a .qdc file as it is."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        return data
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = {info.filename.lower(): info for info in archive.infolist()}
            info = names.get("project.qde")
            if info is None:
                raise CodebookError(
                    ["The zip file holds no project.qde: it is not a REFI-QDA project (.qdpx)."]
                )
            if info.file_size > PROJECT_MAX_BYTES:
                raise CodebookError(
                    [
                        "Its project.qde is larger than 20 MB unzipped: export the codebook "
                        "alone (.qdc) from your tool and import that."
                    ]
                )
            return archive.read(info)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, NotImplementedError, OSError) as error:
        raise CodebookError([f"The zip file cannot be read ({error})."]) from None


def _codes_element(root):
    """The ``Codes`` of a Project (its CodeBook) or of a CodeBook (.qdc)."""
    if _local(root.tag) == "Project":
        books = _children(root, "CodeBook")
        return _children(books[0], "Codes")[0] if books and _children(books[0], "Codes") else None
    if _local(root.tag) == "CodeBook":
        codes = _children(root, "Codes")
        return codes[0] if codes else None
    raise CodebookError(
        [
            f"The file's root element is <{_local(root.tag)}>: a REFI-QDA project starts with "
            "<Project>, a codebook with <CodeBook>."
        ]
    )


def codes_read(data):
    """The file's Codes, parents before their children, in the file's order."""
    try:
        root = fromstring(_project_xml(data), forbid_dtd=True)
    except ParseError as error:
        raise CodebookError([f"The file is not readable as REFI-QDA XML ({error})."]) from None
    except DefusedXmlException:
        raise CodebookError(
            ["The file declares a DTD or entities, which a REFI-QDA file never does."]
        ) from None
    except ValueError as error:  # e.g. bytes that are not text in the declared encoding
        raise CodebookError([f"The file is not readable as XML text ({error})."]) from None
    codes_element = _codes_element(root)
    codes = []

    def walk(element, parent):
        for code in _children(element, "Code"):
            name = (code.get("name") or "").strip()
            descriptions = _children(code, "Description")
            description = (descriptions[0].text or "").strip() if descriptions else ""
            codes.append(Code(name, parent, description))
            walk(code, name)

    if codes_element is not None:
        walk(codes_element, "")
    if not codes:
        raise CodebookError(["The file's codebook holds no codes: there is nothing to import."])
    return codes


def codebook_import_refi(*, data):
    """Apply a REFI-QDA file's codebook (every code or none); returns (created, updated)."""
    rows = [
        Row(number, code.name, code.parent, code.description, "")
        for number, code in enumerate(codes_read(data), start=1)
    ]
    return codebook_apply(
        rows=rows,
        columns={"name", "parent", "description"},
        noun="Code",
        reason=HISTORY_REASON,
    )
