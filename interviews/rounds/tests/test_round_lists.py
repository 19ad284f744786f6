"""The interviews list, the list of quotes to approve and the REFI-QDA project file show one
research round at a time, as the participants list does: the newest unless ``?round=`` (or
``export_qdpx --round``) names another."""

import io

import pytest
from django.core.management import CommandError, call_command

from interviews.exchange.tests.reading import open_qdpx
from interviews.models import Excerpt
from interviews.publication.rules import excerpt_publish, published_excerpts
from reports.interview_figures.release import interview_figures_release

pytestmark = pytest.mark.django_db


def codes(research_round):
    return sorted(
        Excerpt.objects.filter(interview__participant__round=research_round).values_list(
            "interview__participant__code", flat=True
        )
    )


def test_the_interviews_list_shows_the_newest_round_unless_another_is_chosen(
    client_for, interviewer, two_rounds
):
    study, later = two_rounds
    client = client_for(interviewer)
    newest = client.get("/interviews/").content.decode()
    assert f"Interviews: {later.name}" in newest
    assert all(code in newest for code in codes(later))
    assert not any(code in newest for code in codes(study))
    assert f'<option value="{study.slug}">{study.name}</option>' in newest
    chosen = client.get(f"/interviews/?round={study.slug}").content.decode()
    assert f"Interviews: {study.name}" in chosen
    assert all(code in chosen for code in codes(study))
    assert not any(code in chosen for code in codes(later))


def test_the_quotes_to_approve_are_the_rounds_shown(client_for, interviewer, two_rounds):
    study, later = two_rounds
    client = client_for(interviewer)
    newest = client.get("/study/quotes/approval/").content.decode()
    later_ids = Excerpt.objects.filter(interview__participant__round=later).values_list(
        "pk", flat=True
    )
    study_ids = Excerpt.objects.filter(interview__participant__round=study).values_list(
        "pk", flat=True
    )
    assert all(f'id="excerpt-{pk}"' in newest for pk in later_ids)
    assert not any(f'id="excerpt-{pk}"' in newest for pk in study_ids)
    chosen = client.get(f"/study/quotes/approval/?round={study.slug}").content.decode()
    assert all(f'id="excerpt-{pk}"' in chosen for pk in study_ids)
    assert not any(f'id="excerpt-{pk}"' in chosen for pk in later_ids)


def test_approving_a_quote_returns_to_its_rounds_list(client_for, interviewer, two_rounds):
    study, _ = two_rounds
    excerpt = Excerpt.objects.filter(interview__participant__round=study).first()
    client = client_for(interviewer)
    response = client.post(f"/study/quotes/{excerpt.pk}/publish")
    assert response.status_code == 302
    assert response["Location"] == (
        f"/study/quotes/approval/?round={study.slug}#excerpt-{excerpt.pk}"
    )
    response = client.post(f"/study/quotes/{excerpt.pk}/unpublish")
    assert response["Location"].endswith(f"?round={study.slug}#excerpt-{excerpt.pk}")


def test_the_exchange_page_and_its_download_are_one_rounds(client_for, interviewer, two_rounds):
    study, later = two_rounds
    client = client_for(interviewer)
    newest = client.get("/interviews/exchange/").content.decode()
    assert "1 approved, anonymised transcript," in newest and "1 coded passage," in newest
    assert f'href="/interviews/exchange/coded-interviews.qdpx?round={later.slug}"' in newest
    chosen = client.get(f"/interviews/exchange/?round={study.slug}").content.decode()
    assert "2 approved, anonymised transcripts" in chosen and "2 coded passages" in chosen
    response = client.get(f"/interviews/exchange/coded-interviews.qdpx?round={study.slug}")
    assert f"-{study.slug}.qdpx" in response["Content-Disposition"]
    project, sources, _ = open_qdpx(response.content)
    assert len(sources) == 2
    assert project.get("name").endswith(study.name)
    cases = {case.get("name") for case in project.iter("{urn:QDA-XML:project:1.0}Case")}
    assert cases == set(codes(study))


def test_export_qdpx_writes_the_round_asked_for(tmp_path, two_rounds):
    study, later = two_rounds
    out = io.StringIO()
    call_command("export_qdpx", str(tmp_path / "newest.qdpx"), stdout=out)
    assert f"Wrote {later.name}: 1 transcript(s), 1 coded passage(s)" in out.getvalue()
    call_command("export_qdpx", str(tmp_path / "study.qdpx"), "--round", study.slug, stdout=out)
    assert f"Wrote {study.name}: 2 transcript(s), 2 coded passage(s)" in out.getvalue()
    _, sources, _ = open_qdpx((tmp_path / "study.qdpx").read_bytes())
    assert len(sources) == 2
    with pytest.raises(CommandError, match=f"No research round is called 'nope'.*{study.slug}"):
        call_command("export_qdpx", str(tmp_path / "x.qdpx"), "--round", "nope")


def test_the_quotes_page_shows_the_latest_rounds_released_quotes_or_the_one_chosen(
    two_rounds, client_for, commissioner, interviewer
):
    study, later = two_rounds
    for excerpt in Excerpt.objects.all():
        excerpt_publish(excerpt=excerpt, by=interviewer)
    assert [len(published_excerpts(r)) for r in (study, later)] == [2, 1]
    interview_figures_release(research_round=study)
    client = client_for(commissioner)
    page = client.get("/study/quotes/").content.decode()
    assert page.count('class="psd-quote"') == 4  # the only round released: 2 quotes, 2 themes
    assert 'id="round-choice"' not in page

    interview_figures_release(research_round=later)
    page = client.get("/study/quotes/").content.decode()
    assert f"Quotes from the interviews: {later.name}" in page
    assert page.count('class="psd-quote"') == 1
    assert f'<option value="{study.slug}">{study.name}</option>' in page
    page = client.get(f"/study/quotes/?interview_round={study.slug}").content.decode()
    assert f"Quotes from the interviews: {study.name}" in page
    assert page.count('class="psd-quote"') == 4
    team = client_for(interviewer).get(f"/study/quotes/?interview_round={study.slug}")
    assert f'href="/study/quotes/approval/?round={study.slug}"' in team.content.decode()


def test_the_admins_interviews_filter_by_round(client_for, interviewer, two_rounds):
    study, later = two_rounds
    client = client_for(interviewer)
    listing = client.get("/admin/interviews/interview/").content.decode()
    assert f"?participant__round__id__exact={later.pk}" in listing  # the filter is offered
    page = client.get(
        f"/admin/interviews/interview/?participant__round__id__exact={later.pk}"
    ).content.decode()
    assert all(code in page for code in codes(later))
    assert not any(code in page for code in codes(study))
