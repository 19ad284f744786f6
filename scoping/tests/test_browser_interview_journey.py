"""The interview team's journey in Chromium: consent, an interview, anonymise, approve,
code a passage by selecting it in the transcript, and see it counted in the matrix."""

import re

from playwright.sync_api import expect

from .browser_support import sign_in

TRANSCRIPT = (
    "We started the group because nobody else was doing it. "
    "Call me on 07700 900123 if you want to know more. "
    "Having a paid peer worker made volunteers feel they were not on their own."
)
PASSAGE = "Having a paid peer worker made volunteers feel they were not on their own."


def choose(page, field, text):
    """Pick ``text`` in one of the admin's autocompletes, as a person does."""
    page.locator(f"#id_{field} + .select2 .select2-selection").click()
    page.locator(".select2-search__field").fill(text)
    page.locator(".select2-results__option", has_text=text).first.click()


def run_action(page, action):
    page.goto("/admin/interviews/interview/?q=WKF-91")
    page.locator("input[name=_selected_action]").first.check()
    page.select_option("select[name=action]", action)
    page.click("button[name=index]")
    expect(page.locator(".messagelist")).to_be_visible()


def test_the_interview_team_records_codes_and_sees_a_passage_in_the_matrix(browser, server):
    page = sign_in(browser, server, "interviewer")
    page.goto("/admin/interviews/participant/add/")
    page.fill("#id_code", "WKF-91")
    page.select_option("#id_place", label="Wakefield")
    page.select_option("#id_sector", "third_sector")
    page.select_option("#id_role", "worker")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("WKF-91")

    page.goto("/admin/interviews/consent/add/")
    choose(page, "participant", "WKF-91")
    for box in page.locator("#consent_form input[type=checkbox]").all():
        box.check()
    page.fill("#id_signed_on", "2020-03-02")
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("added successfully")

    page.goto("/admin/interviews/interview/add/")
    choose(page, "participant", "WKF-91")
    page.fill("#id_held_on", "2020-03-03")
    page.select_option("#id_mode", "telephone")
    page.locator("#id_guide").select_option(index=1)
    page.fill("#id_transcript", TRANSCRIPT)
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_contain_text("added successfully")

    run_action(page, "anonymise")
    run_action(page, "mark_checked")
    run_action(page, "approve")

    page.goto("/interviews/")
    page.get_by_role("row", name=re.compile("WKF-91")).get_by_role(
        "link", name=re.compile("transcript|WKF-91", re.I)
    ).last.click()
    coding = page.url
    theme = page.locator("#excerpt-form input[name=themes]").first
    theme_id = theme.get_attribute("id")
    theme_name = page.locator(f"label[for='{theme_id}']").inner_text().strip()
    before = matrix_row(page, theme_name)

    page.goto(coding)
    transcript = page.locator("#transcript")
    expect(transcript).to_contain_text("[PHONE]")  # the anonymiser replaced the number
    expect(transcript).not_to_contain_text("07700")
    # Select the passage with a range, as a reader drags across it, then let go.
    transcript.evaluate(
        """(element, passage) => {
            const text = element.firstChild;
            const start = text.textContent.indexOf(passage);
            const range = document.createRange();
            range.setStart(text, start);
            range.setEnd(text, start + passage.length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        PASSAGE,
    )
    expect(page.locator("#selection-preview")).to_contain_text("Having a paid peer worker")
    page.locator(f"#{theme_id}").check()
    page.get_by_role("button", name="Save excerpt").click()
    expect(page.locator("mark.psd-coded")).to_have_text(PASSAGE)
    after = matrix_row(page, theme_name)
    assert after != before  # the passage is counted in the matrix
    page.context.close()


def matrix_row(page, theme_name):
    """The theme's row of the matrix, as text."""
    page.goto("/interviews/themes/matrix/")
    row = page.get_by_role("row", name=re.compile(re.escape(theme_name))).first
    return row.inner_text()
