"""The interview team's journey in Chromium, as a member of the Interview team: a new
participant's consent, their interview, anonymise, check and approve, code a passage by
selecting it in the transcript, and see it counted in the theme matrix. (The guided
flow's every step is tested in interviews/recording/tests/test_flow_browser.py.)"""

import re

from playwright.sync_api import expect

from scoping.tests.browser_support import sign_in

PASSAGE = "Having a paid peer worker made volunteers feel they were not on their own."
TRANSCRIPT = (
    "Interviewer: What changed?\n"
    "Grace Hopper: Call me on 07700 900123 if you want to know more. " + PASSAGE + "\n"
)


def matrix_row(page, theme):
    """The theme's row in the matrix by place, as text ("" while nothing is coded with it)."""
    page.goto("/interviews/themes/matrix/")
    rows = page.locator("xpath=//h2[@id='by-place']/following-sibling::div[1]//tr")
    rows = rows.filter(has=page.locator("th", has_text=re.compile(rf"^{theme}$")))
    return rows.first.inner_text() if rows.count() else ""


def test_the_interview_team_records_codes_and_sees_a_passage_in_the_matrix(browser, server):
    page = sign_in(browser, server, "interviewer")
    page.goto("/")
    page.get_by_role("link", name="Interviews", exact=True).first.click()
    page.goto("/interviews/participants/")
    page.get_by_role("link", name="Add a participant").click()
    page.get_by_label("Code").fill("WKF-91")
    page.get_by_label("Place").select_option(label="Wakefield")
    page.get_by_label("Sector").select_option("third_sector")
    page.get_by_label("Role").select_option("worker")
    page.get_by_role("button", name="Save and continue to identity").click()
    page.get_by_label("Name").fill("Grace Hopper")
    page.get_by_role("button", name="Save and continue to consent").click()
    for box in page.locator("form input[type=checkbox]").all():
        box.check()
    page.get_by_label("Date signed").fill("2020-03-01")
    page.get_by_role("button", name="Save and continue to the interview").click()
    page.get_by_label("Date of the interview").fill("2020-03-02")
    page.get_by_label("Mode").select_option("telephone")
    page.get_by_label("Transcript", exact=True).fill(TRANSCRIPT)
    page.get_by_role("button", name="Save the interview").click()
    expect(page.locator("h1")).to_have_text("Transcript of WKF-91")
    coding = page.url

    page.get_by_role("button", name="Run the anonymiser").click()
    transcript = page.locator("#transcript")
    expect(transcript).to_contain_text("[PHONE]")
    expect(transcript).not_to_contain_text("07700")
    # Capitalised words the anonymiser did not know are flagged: reading through and
    # approval wait until each is redacted or kept with a reason
    # (interviews.anonymisation.flag_decisions).
    expect(page.get_by_role("button", name="Mark as read through")).to_be_disabled()
    expect(page.locator("#blockers-approve")).to_contain_text("flagged word(s)")
    page.get_by_role("link", name="Flagged words: redact or keep each").click()
    while page.locator("#keep-1").count():
        page.locator("#keep-1").check()
        page.locator("#reason-1").fill("An ordinary word, not a name")
        page.get_by_role("button", name="Record the decision").first.click()
    expect(page.locator("#no-open-flags")).to_be_visible()
    page.get_by_role("link", name="Back to the transcript").click()
    page.get_by_role("button", name="Mark as read through").click()
    page.get_by_role("button", name="Approve for coding").click()
    expect(page.locator("#transcript-status")).to_have_text("Approved")

    theme = "Mutual trust"
    before = matrix_row(page, theme)
    page.goto(coding)
    # Select the passage as a reader drags across it, then lets go of the mouse.
    page.locator("#transcript").evaluate(
        """(element, passage) => {
            const walker = document.createTreeWalker(element, NodeFilter.SHOW_TEXT);
            let node;
            while ((node = walker.nextNode()) && !node.textContent.includes(passage)) {}
            const start = node.textContent.indexOf(passage);
            const range = document.createRange();
            range.setStart(node, start);
            range.setEnd(node, start + passage.length);
            const selection = document.getSelection();
            selection.removeAllRanges();
            selection.addRange(range);
            element.dispatchEvent(new MouseEvent("mouseup", {bubbles: true}));
        }""",
        PASSAGE,
    )
    expect(page.locator("#selection-preview")).to_contain_text("Having a paid peer worker")
    page.get_by_label("Search the codebook").fill("mutual tru")
    page.get_by_label(theme).check()
    page.get_by_role("button", name="Save excerpt").click()
    expect(page.get_by_text("Excerpt coded.")).to_be_visible()
    expect(page.locator("table")).to_contain_text(PASSAGE)
    assert matrix_row(page, theme) != before  # counted in the matrix
    expect(page.get_by_role("row").filter(has_text=theme).first).to_contain_text(re.compile(r"\d"))
    page.context.close()
