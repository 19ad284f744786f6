"""Each role's journey to its goal, in Chromium, through the pages as a person uses them
(the served app and users of browser_support.py; the interview team's is in
test_browser_interview_journey.py)."""

import csv
import io
import re
from pathlib import Path

import openpyxl
from playwright.sync_api import expect

from scoping.tests.browser_support import PHONE, screenshot, sideways_overflow, sign_in
from scoping.tests.scratch_databases import manage


def match_count(page):
    return int(re.match(r"\d+", page.locator("#match-count").inner_text()).group())


def test_a_champion_adds_an_activity_with_two_shared_experiences_and_finds_it(browser, server):
    page = sign_in(browser, server, "champion")
    page.goto("/")
    page.get_by_role("link", name="Add an activity you have found").click()
    page.fill("#id_name", "Otley Riverside Carers Walk")
    page.select_option("#id_place", label="Leeds")
    page.select_option("#id_sector", label="Third Sector")
    page.select_option("#id_main_focus", label="Mental health focused")  # no silent default
    page.select_option("#id_delivery_model", label="Activity group")
    page.get_by_label("Carers", exact=True).check()
    page.get_by_label("Anxiety", exact=True).check()
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("Otley Riverside Carers Walk")

    page.goto("/activities/")
    page.fill("#id_q", "Otley Riverside")
    page.press("#id_q", "Enter")
    expect(page.locator("#match-count")).to_have_text(re.compile(r"^1 activity matches"))
    row = page.locator("table.psd-results tbody tr").first
    expect(row).to_contain_text("Otley Riverside Carers Walk")
    expect(row).to_contain_text("Anxiety; Carers")
    row.get_by_role("link", name="Otley Riverside Carers Walk").click()
    expect(page.locator("h1")).to_contain_text("Otley Riverside Carers Walk")
    page.context.close()


def test_a_champion_uploads_a_sheet_reads_the_preview_and_confirms(browser, server, tmp_path):
    sheet = tmp_path / "master.xlsx"
    manage(server[2], "export_master_sheet", str(sheet), "--one-sheet")
    workbook = openpyxl.load_workbook(sheet)
    rows = workbook["Activities"]  # after the disclaimer's sheet
    top = next(
        r
        for r in range(1, rows.max_row + 1)
        if rows.cell(r, 1).value == "Project name / support type"
    )
    header = [cell.value for cell in rows[top]]
    last = [cell.value for cell in rows[rows.max_row]]
    added = dict(zip(header, last, strict=True))
    added[header[0]] = "Ilkley Moor Peer Walkers"
    added["Published id"] = None  # a copied row keeps the id: cleared for a new activity
    rows.append([added[name] for name in header])
    notes = header.index("Notes") + 1
    rows.cell(row=top + 1, column=notes, value="Meets by the bandstand since the spring.")
    workbook.save(sheet)

    page = sign_in(browser, server, "champion")
    desktop = page.viewport_size
    page.goto("/")
    page.get_by_role("link", name="Import a master sheet").click()
    page.set_input_files("input[type=file]", str(sheet))
    page.click("input[value='Preview the import']")
    expect(page.get_by_role("heading", name="What the import would do")).to_be_visible()
    expect(page.locator("body")).to_contain_text("Ilkley Moor Peer Walkers")
    expect(page.locator(".psd-changed").first).to_contain_text("Meets by the bandstand")
    updated = page.locator("tr.psd-updated").first
    expect(updated.locator("td").nth(3)).to_contain_text("matched by published id")
    expect(page.locator("table.psd-changes th").nth(2)).to_have_text("Serves")
    screenshot(page, "import-preview")
    page.set_viewport_size(PHONE)
    assert sideways_overflow(page) == 0
    screenshot(page, "import-preview")
    page.set_viewport_size(desktop)
    confirm = page.locator("input[type=submit][value^='Import ']")
    expect(confirm).to_have_value("Import 1 new and 1 updated activities")
    confirm.click()
    expect(page.locator(".messagelist")).to_be_visible()
    page.goto("/activities/?q=Ilkley+Moor+Peer+Walkers")
    assert match_count(page) == 1
    page.context.close()


def test_an_analyst_filters_searches_opens_a_result_and_exports_what_was_shown(browser, server):
    page = sign_in(browser, server, "analyst")
    page.goto("/activities/")
    everything = match_count(page)
    # Ticked one after another without waiting: every tick counts.
    for label in (r"^Leeds", r"^Wakefield", r"^Third Sector"):
        page.get_by_label(re.compile(label)).check()
    for parameter in ("place=leeds", "place=wakefield", "sector=third_sector"):
        expect(page).to_have_url(re.compile(parameter))
    expect(page.get_by_role("link", name=re.compile("Sector: Third Sector"))).to_be_visible()
    filtered = match_count(page)
    assert 0 < filtered < everything
    page.fill("#id_q", "group")
    page.press("#id_q", "Enter")
    expect(page).to_have_url(re.compile(r"q=group"))
    expect(page.locator("#match-count")).not_to_have_text(re.compile(rf"^{filtered} "))
    shown = match_count(page)
    assert 0 < shown < filtered
    names = page.locator("table.psd-results tbody tr td:first-child a").all_inner_texts()
    assert len(names) == min(shown, 25)
    assert "=&" not in page.url and not page.url.endswith("=")

    page.get_by_role("link", name=names[0], exact=True).click()
    expect(page.locator("h1")).to_have_text(names[0])
    page.go_back()
    with page.expect_download() as download:
        page.get_by_role("link", name="CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    lines = list(csv.reader(io.StringIO(text)))
    start = next(i for i, line in enumerate(lines) if line and line[0].startswith("Project name"))
    exported = [dict(zip(lines[start], line, strict=False)) for line in lines[start + 1 :] if line]
    exported = [row for row in exported if row.get("Place")]
    assert len(exported) == shown
    # Each row serves Leeds or Wakefield: its own, shared with another place, or region-wide.
    for row in exported:
        served = {place.strip() for place in row["Place"].split(";")}
        assert row["Place"] == "WY&H wide" or served & {"Leeds", "Wakefield"}, row["Place"]
    assert {row["Sector"] for row in exported} == {"Third Sector"}
    assert set(names) <= {row["Project name / support type"] for row in exported}
    page.context.close()


INTERVIEW_PAGES = [
    "/interviews/",
    "/interviews/themes/",
    "/interviews/themes/matrix/",
    "/interviews/themes/merge/",
    "/interviews/themes/export.csv",
    "/interviews/excerpts/export.xlsx",
    "/interviews/exchange/",
    "/interviews/exchange/coded-interviews.qdpx",
]


def test_a_commissioner_reads_the_reports_downloads_a_workbook_and_no_interview(browser, server):
    page = sign_in(browser, server, "commissioner", viewport=PHONE)
    page.goto("/")
    menu = page.get_by_role("navigation", name="Menu")
    expect(menu.get_by_role("link", name="Reports")).to_be_hidden()  # behind the menu button
    menu.get_by_role("button", name="Menu").click()
    menu.get_by_role("link", name="Reports").click()
    expect(page.locator("h1")).to_have_text("Peer support in West Yorkshire & Harrogate")
    expect(page.locator("#headline-sentence")).to_contain_text("for every 100,000 people")
    page.get_by_role("navigation", name="Summaries").get_by_role("link", name="Wakefield").click()
    expect(page.locator("h1")).to_have_text("Peer support in Wakefield")
    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile("Download this page as a spreadsheet")).click()
    assert download.value.suggested_filename == "peer-support-wakefield.xlsx"
    assert Path(download.value.path()).read_bytes()[:2] == b"PK"
    # No way into the interview team's pages: not in the menu, nor anywhere on the page
    # (links to the study's interview findings are the reports' own, and are fine).
    expect(menu.get_by_role("link", name="Interviews")).to_have_count(0)
    expect(page.locator('a[href^="/interviews/"]')).to_have_count(0)
    # Every interview page, and one of each kind with an id, refuses a commissioner.
    admin = sign_in(browser, server)
    admin.goto("/interviews/")
    html = admin.content()
    ids = [
        re.search(pattern, html).group()
        for pattern in (r"/interviews/\d+/", r"/interviews/participants/\d+/")
    ]
    admin.goto(ids[0])
    excerpt = re.search(r"/interviews/excerpts/\d+/edit/", admin.content()).group()
    admin.goto("/interviews/themes/")
    theme = re.search(r"/interviews/themes/\d+/", admin.content()).group()
    admin.context.close()
    for path in [*INTERVIEW_PAGES, *ids, excerpt, theme]:
        response = page.request.get(path)
        assert response.status == 403, path
    page.context.close()
