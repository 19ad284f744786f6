"""The admin table import/export tests' kit: files to upload, the library's two steps
(preview, then confirm), the pages' errors and messages, and the tables as rows."""

import csv
import html as html_module
import io
import re

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile

from activities.models import Place

CSV, XLSX = "0", "1"  # the format choices' indexes (IMPORT_EXPORT_FORMATS)
BASE = "/admin/activities"


def export(client, model, file_format=CSV):
    response = client.post(f"{BASE}/{model}/export/", {"format": file_format, "resource": "0"})
    assert response.status_code == 200, response.content[:500]
    return response


def csv_rows(response):
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads it as UTF-8
    return list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))


def csv_file(rows, name="table.csv"):
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return SimpleUploadedFile(name, buffer.getvalue().encode("utf-8"))


def xlsx_file(rows, name="table.xlsx"):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return SimpleUploadedFile(name, buffer.getvalue())


def preview(client, model, upload, file_format=CSV):
    """Upload a file: the library's first step (a dry run shown as a preview)."""
    return client.post(
        f"{BASE}/{model}/import/",
        {"format": file_format, "resource": "0", "import_file": upload},
    )


def confirm(client, model, previewed):
    """Confirm a preview: the library's second step, which writes."""
    form = previewed.context["confirm_form"]
    return client.post(f"{BASE}/{model}/process_import/", form.initial)


def import_file(client, model, upload, file_format=CSV):
    previewed = preview(client, model, upload, file_format)
    assert previewed.status_code == 200
    assert "confirm_form" in previewed.context, page_errors(previewed)
    response = confirm(client, model, previewed)
    assert response.status_code == 302, response.content[:2000]
    return response


def page_errors(response):
    """The error lines the import page shows, as plain text."""
    html = response.content.decode()
    lines = re.findall(r"<li>(.*?)</li>", html, flags=re.S)
    lines = [html_module.unescape(re.sub(r"\s+", " ", line).strip()) for line in lines]
    return [line for line in lines if line.startswith("Row")]


def flash(response):
    return [str(message) for message in response.wsgi_request._messages]


def history_count(*models):
    return sum(model.history.count() for model in models)


def place_table():
    return [
        [p.name, p.slug, p.population, p.population_source, p.gss_code]
        for p in Place.objects.order_by("name")
    ]
