"""Reading a .qdpx back, as another tool would: the project's XML and its source texts."""

import io
import zipfile

from lxml import etree

NS = {"q": "urn:QDA-XML:project:1.0"}
# A draft transcript: its words must never leave.
DRAFT = "Participant: My manager Priya Ashworth rang me at home about the rota.\n"


def open_qdpx(data):
    """(the project's XML tree, {file name: text} of its sources, every file name)."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        project = etree.fromstring(archive.read("project.qde"))
        sources = {
            name: archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("sources/")
        }
        names = archive.namelist()
    return project, sources, names


def project_text(data):
    """``project.qde`` as text, to look for what must not be in it."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return archive.read("project.qde").decode("utf-8")
