"""A week of everyday use (issue 33), in Chromium at 390 px: the review queue fits a phone
and its checks and closings happen in place (or as pages without JavaScript), "Apply
filters" on a phone shows the results, and the public share form fits a phone."""

import re

from playwright.sync_api import expect

from scoping.tests.browser_support import (
    AXE,
    DESKTOP,
    PHONE,
    screenshot,
    serious_violations,
    sideways_overflow,
    sign_in,
)


def first_row(page):
    return page.locator("#review-queue tbody tr").first


def test_the_review_queue_fits_a_phone_and_closing_asks_why_and_can_be_undone(browser, server):
    page = sign_in(browser, server, "champion", viewport=PHONE)
    page.goto("/activities/review/")
    assert sideways_overflow(page) == 0
    assert serious_violations(page) == []
    screenshot(page, "review-queue")
    page.evaluate("window.psdNotReloaded = true")
    row = first_row(page)
    name = row.locator("a.govuk-link").first.inner_text()

    row.get_by_role("button", name=re.compile("^Closed")).click()
    closing = page.locator(f"tr:has-text('Closing “{name}”')")
    expect(closing).to_be_visible()
    assert sideways_overflow(page) == 0
    closing.get_by_role("button", name=re.compile("^Record as closed")).click()
    expect(closing).to_contain_text("Choose why it has closed.")  # nothing recorded yet
    closing.get_by_label("It has stopped running").check()
    closing.get_by_role("button", name=re.compile("^Record as closed")).click()
    done = page.locator(f"tr:has-text('“{name}” is recorded as closed.')")
    expect(done).to_be_visible()
    expect(done.locator("[tabindex='-1']").first).to_be_focused()
    assert sideways_overflow(page) == 0
    screenshot(page, "review-queue-closed")
    done.get_by_role("button", name=re.compile("^Undo")).click()
    reopened = page.locator("tr:has-text('Closing undone: it is back in the queue.')")
    expect(reopened).to_contain_text(name)
    assert page.evaluate("window.psdNotReloaded") is True  # every step in place

    reopened.get_by_role("button", name=re.compile("^Checked today")).click()
    expect(page.locator("tr", has_text="Recorded: checked today, still running.")).to_contain_text(
        name
    )
    assert page.evaluate("window.psdNotReloaded") is True
    page.set_viewport_size(DESKTOP)
    page.goto("/activities/review/")
    screenshot(page, "review-queue")
    page.context.close()


def test_without_javascript_closing_is_a_page_and_the_undo_a_banner(browser, server):
    page = sign_in(browser, server, "champion", viewport=PHONE, javascript=False)
    page.goto("/activities/review/")
    name = first_row(page).locator("a.govuk-link").first.inner_text()
    first_row(page).get_by_role("button", name=re.compile("^Closed")).click()
    expect(page.locator("h1")).to_have_text(f"Record “{name}” as closed")
    assert sideways_overflow(page) == 0
    page.get_by_role("button", name=re.compile("^Record as closed")).click()
    expect(page.locator(".govuk-error-summary")).to_contain_text("Choose why it has closed.")
    page.get_by_label("It has joined another activity").check()
    page.get_by_role("button", name=re.compile("^Record as closed")).click()
    banner = page.locator("#just-closed")
    expect(banner).to_contain_text(f"“{name}” is recorded as closed")
    assert sideways_overflow(page) == 0
    banner.get_by_role("button", name=re.compile("^Undo")).click()
    expect(page.locator(".govuk-notification-banner")).to_contain_text("closing undone")
    expect(first_row(page)).to_contain_text(name)
    page.context.close()


def test_on_a_phone_apply_filters_closes_the_panel_and_shows_the_results(browser, server):
    page = sign_in(browser, server, "analyst", viewport=PHONE)
    page.goto("/activities/")
    page.wait_for_load_state("networkidle")
    page.get_by_role("button", name="Filter", exact=True).click()
    panel = page.locator("#directory-filter")
    expect(panel).to_be_visible()
    page.locator("#id_q").fill("walk")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"q=walk"))
    expect(panel).to_be_hidden()
    heading = page.locator("#match-count")
    expect(heading).to_be_focused()
    expect(heading).to_be_in_viewport()
    assert sideways_overflow(page) == 0
    screenshot(page, "directory-applied")
    page.context.close()


def test_on_a_phone_without_javascript_apply_filters_lands_on_the_results(browser, server):
    page = sign_in(browser, server, "analyst", viewport=PHONE, javascript=False)
    page.goto("/activities/")
    page.locator("#id_q").fill("walk")
    page.get_by_role("button", name="Apply filters").click()
    expect(page).to_have_url(re.compile(r"q=walk.*#results$"))
    expect(page.locator("#match-count")).to_be_in_viewport()
    page.context.close()


def test_the_admin_activity_form_is_short_with_the_essentials_first(browser, server):
    """The add form was 3,700 px tall at 1280 (6,500 at 390): now the essentials, then
    collapsed groups. Heights are printed (``-s``) as the issue's figures."""
    page = sign_in(browser, server, "champion")
    for viewport in (DESKTOP, PHONE):
        page.set_viewport_size(viewport)
        page.goto("/admin/activities/activity/add/")
        height = page.evaluate("document.documentElement.scrollHeight")
        print(f"admin add form at {viewport['width']} px: {height} px tall")
        assert sideways_overflow(page) == 0
        expect(page.locator("#id_main_focus")).to_have_value("")
        expect(page.locator("#id_delivered_by")).to_be_hidden()  # in a collapsed group
        screenshot(page, "admin-activity-add")
    page.get_by_text("Who delivers it and who can go").click()
    expect(page.locator("#id_delivered_by")).to_be_visible()
    page.context.close()


def test_the_share_form_fits_a_phone_and_names_each_missing_answer(browser, server):
    context = browser.new_context(base_url=server[0], viewport=PHONE)
    context.add_init_script(path=str(AXE))
    page = context.new_page()
    page.goto("/activities/share/")
    assert sideways_overflow(page) == 0
    assert serious_violations(page) == []
    expect(page.locator("body")).not_to_contain_text("(optional) (optional)")
    page.get_by_role("button", name="Send").click()
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("Enter the name of the activity.")
    expect(summary).to_contain_text("Choose the place where the activity happens.")
    expect(summary).to_contain_text("Say what happens at the activity.")
    assert sideways_overflow(page) == 0
    assert serious_violations(page) == []
    screenshot(page, "share-errors")
    page.get_by_label("Name of the activity").fill("Todmorden Walk and Talk")
    page.get_by_label("Place where it happens").select_option(label="Calderdale")
    page.get_by_label("What happens").fill("A walk on Sundays, then tea.")
    page.get_by_label("Volunteers", exact=True).check()
    page.get_by_label("Loneliness and isolation").check()
    page.get_by_label("Your e-mail address (optional)").fill("walker@example.org")
    page.get_by_role("button", name="Send").click()
    expect(page.locator("h1")).to_have_text("Thank you")
    page.set_viewport_size(DESKTOP)
    page.goto("/activities/share/")
    screenshot(page, "share")
    page.set_viewport_size(PHONE)
    screenshot(page, "share")
    context.close()
