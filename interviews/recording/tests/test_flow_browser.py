"""The interview team's whole workflow in a real browser (Debian's Chromium):
a new participant, their identity, consent and interview, then the transcript's
anonymise / check / approve buttons, coding with the theme search, and deleting
an excerpt after confirming. No console error or CSP violation on the way."""

import re

from playwright.sync_api import expect

from scoping.tests.test_browser import browser, server, signed_in  # noqa: F401 (fixtures)

STATEMENTS = [
    "I have read the project information sheet",
    "I want to take part in the scoping project",
    "I am happy to participate in an interview",
    "I understand that data I share will only be used",
    "I understand that any data I share will be stored safely",
    "I understand that any personal details I share will be anonymised",
    "I understand that I can withdraw my participation",
    "I understand that my contributions may be used",
    "I understand any information I give will be stored",
    "I understand that if I have any questions or queries",
    "I understand that if I have any concerns, complaints or compliments",
]


def test_a_participant_goes_from_first_step_to_a_coded_transcript(browser, server):  # noqa: F811
    page = signed_in(browser, server)
    problems = []
    page.on("console", lambda m: m.type == "error" and problems.append(m.text))
    page.on("pageerror", lambda e: problems.append(str(e)))

    page.goto("/interviews/participants/")
    page.get_by_role("link", name="Add a participant").click()
    expect(page.get_by_text("Step 1 of 4")).to_be_visible()
    page.get_by_label("Code").fill("LDS-90")
    page.get_by_label("Place").select_option(label="Leeds")
    page.get_by_label("Sector").select_option("third_sector")
    page.get_by_label("Role").select_option("worker")
    # The organisation list (over 50) gets a box that narrows it (static/js/choice_filter.js).
    organisations = page.locator("select[data-choice-filter]")
    wanted = organisations.locator("option").nth(40)
    name, value = wanted.inner_text(), wanted.get_attribute("value")
    page.get_by_label("Narrow the list: type part of the name").fill(name.upper())
    expect(organisations).to_have_value(value)
    expect(page.locator(".psd-choice-filter__status")).to_contain_text(f"chosen: {name}.")
    page.get_by_role("button", name="Save and continue to identity").click()

    expect(page.get_by_text("Step 2 of 4")).to_be_visible()
    expect(page.locator(".psd-progress")).to_contain_text("Participant: done")
    page.get_by_label("Name").fill("Ada Lovelace")
    page.get_by_role("button", name="Save and continue to consent").click()

    expect(page.get_by_text("Step 3 of 4")).to_be_visible()
    expect(page.locator(".psd-progress")).to_contain_text("Identity: done")
    for statement in STATEMENTS:
        page.get_by_label(re.compile("^" + re.escape(statement))).check()
    page.get_by_label("Date signed").fill("2020-03-01")
    page.get_by_role("button", name="Save and continue to the interview").click()

    expect(page.get_by_text("Step 4 of 4")).to_be_visible()
    expect(page.locator(".psd-progress")).to_contain_text("Consent: done")
    expect(page.locator("#ground-rules")).to_contain_text(
        "I can pass on any question without having to give a reason"
    )
    expect(page.locator("#reflective-opening")).to_be_visible()
    expect(page.locator("#guide-questions li")).to_have_count(13)
    page.get_by_label("Date of the interview").fill("2020-03-02")
    # choosing another guide shows its questions at once (htmx swaps them), keeping the form;
    # htmx (a deferred script) listens once the page has loaded
    page.wait_for_load_state("load")
    guide = page.get_by_label("Question guide (and version)")
    workers = guide.locator("option", has_text="workers").get_attribute("value")
    guide.select_option(guide.locator("option", has_text="managers").get_attribute("value"))
    expect(page.locator("#guide-questions li")).to_have_count(14)
    expect(page.locator(".psd-aids")).to_contain_text("peer support managers/co-ordinators")
    expect(page.get_by_label("Date of the interview")).to_have_value("2020-03-02")
    guide.select_option(workers)
    expect(page.locator("#guide-questions li")).to_have_count(13)
    page.get_by_label("Mode").select_option("video")
    page.get_by_label("Transcript", exact=True).fill(
        "Interviewer: How are you feeling?\nAda Lovelace: Fine. Mutual trust matters most.\n"
    )
    page.get_by_role("button", name="Save the interview").click()

    expect(page.locator("h1")).to_have_text("Transcript of LDS-90")
    expect(page.locator("#blockers-read_through")).to_contain_text("Run the anonymiser first")
    page.get_by_role("button", name="Run the anonymiser").click()
    expect(page.locator("#transcript-status")).to_have_text("Anonymised")
    expect(page.locator("#transcript")).to_contain_text("[NAME 1]")
    # "Fine" and "Mutual" could be names: reading through waits until each is redacted or
    # kept, and so does approval.
    expect(page.locator("#blockers-read_through")).to_contain_text("2 flagged word(s)")
    expect(page.get_by_role("button", name="Mark as read through")).to_be_disabled()
    expect(page.locator("#blockers-approve")).to_contain_text("2 flagged word(s)")
    page.get_by_role("link", name="Flagged words: redact or keep each").click()
    expect(page.locator("#open-flag-count")).to_have_text(
        "2 words or numbers waiting for a decision."
    )
    for _ in range(2):
        page.locator("#keep-1").check()
        page.locator("#reason-1").fill("An ordinary word at the start of a sentence")
        page.get_by_role("button", name="Record the decision").first.click()
    expect(page.locator("#no-open-flags")).to_be_visible()
    page.get_by_role("link", name="Back to the transcript").click()
    page.get_by_role("button", name="Mark as read through").click()
    expect(page.locator("#transcript-status")).to_have_text("Read through")
    page.get_by_role("button", name="Approve for coding").click()
    expect(page.locator("#transcript-status")).to_have_text("Approved")

    expect(page.get_by_label("Mutual trust")).to_be_hidden()  # folded under its parent theme
    page.get_by_label("Search the codebook").fill("mutual tru")
    expect(page.get_by_label("Mutual trust")).to_be_visible()
    expect(page.get_by_label("Burnout")).to_be_hidden()
    page.get_by_label("Mutual trust").check()
    page.get_by_label("Or paste the passage, word for word").fill("Mutual trust matters most.")
    page.get_by_role("button", name="Save excerpt").click()
    expect(page.get_by_text("Excerpt coded.")).to_be_visible()
    expect(page.locator("table")).to_contain_text("Mutual trust matters most.")

    page.get_by_role("link", name=re.compile("^Delete")).click()
    expect(page.locator("h1")).to_contain_text("Delete this excerpt of LDS-90?")
    page.get_by_role("button", name="Yes, delete this excerpt").click()
    expect(page.get_by_text("Excerpt deleted.")).to_be_visible()
    expect(page.get_by_text("Nothing is coded yet.")).to_be_visible()

    page.goto("/interviews/participants/")
    row = page.locator("tr", has_text="LDS-90")
    expect(row).to_contain_text("Yes, 1 Mar 2020")
    expect(row).to_contain_text("Approved")
    assert problems == []
    page.context.close()
