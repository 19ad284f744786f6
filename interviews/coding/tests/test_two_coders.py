"""Two coders of one transcript: blind to each other while coding, compared once both have
finished, settled into the final coding; only the final coding is read anywhere else."""

import pytest
from django.test import Client

from interviews.coding import double_coding
from interviews.coding.services import excerpt_create
from interviews.models import CodingLayer, DoubleCoding, Excerpt, PublicationApproval, Theme
from interviews.publication.rules import excerpt_publish, publication_blockers, published_excerpts
from interviews.tests.factories import TRANSCRIPT, make_interview, make_theme
from scoping.accounts.roles import INTERVIEW_TEAM

pytestmark = pytest.mark.django_db

WAITING = "waiting lists are long."
SUNRISE = "I volunteer at the Sunrise Centre."


def span(words):
    start = TRANSCRIPT.index(words)
    return start, start + len(words)


@pytest.fixture
def pair(interviewer, make_user):
    """An approved transcript coded once (the final coding), then started with two coders:
    the interviewer first, "second" second."""
    second = make_user("second", INTERVIEW_TEAM)
    interview = make_interview()
    waiting, volunteering = make_theme("Waiting"), make_theme("Volunteering")
    start, end = span(WAITING)
    earlier = excerpt_create(
        interview=interview, start=start, end=end, themes=[waiting], by=interviewer
    )
    excerpt_publish(excerpt=earlier, by=interviewer)
    started = double_coding.double_coding_start(
        interview=interview, first_coder=interviewer, second_coder=second, by=interviewer
    )
    return {
        "interview": interview,
        "first": interviewer,
        "second": second,
        "waiting": waiting,
        "volunteering": volunteering,
        "double_coding": started,
        "earlier": earlier,
    }


def signed_in(user):
    """A client of its own (``client_for`` signs one shared client in)."""
    client = Client()
    client.force_login(user)
    return client


def code(pair, who, words, *themes):
    start, end = span(words)
    return excerpt_create(
        interview=pair["interview"],
        start=start,
        end=end,
        themes=list(themes),
        by=pair[who],
        coding=CodingLayer.FIRST if who == "first" else CodingLayer.SECOND,
    )


def test_the_earlier_coding_becomes_the_first_coders(pair):
    copy = Excerpt.objects.get(coding=CodingLayer.FIRST)
    assert (copy.start, copy.end, copy.coded_by) == (
        pair["earlier"].start,
        pair["earlier"].end,
        pair["first"],
    )
    assert list(copy.themes.all()) == [pair["waiting"]]


def test_each_coder_codes_blind_to_the_other(pair, client_for, make_user):
    interview = pair["interview"]
    url = f"/interviews/{interview.pk}/"
    second = signed_in(pair["second"])
    second.post(url, {"quote": SUNRISE, "themes": [pair["volunteering"].pk]})
    mine = Excerpt.objects.get(coding=CodingLayer.SECOND)
    assert mine.coded_by == pair["second"] and mine.quote == SUNRISE
    page = second.get(url).content.decode()
    assert "You are the second coder" in page
    assert f'id="excerpt-{mine.pk}"' in page
    first_copy = Excerpt.objects.get(coding=CodingLayer.FIRST)
    assert f'id="excerpt-{first_copy.pk}"' not in page
    assert f'id="excerpt-{pair["earlier"].pk}"' not in page  # nor the final coding
    # Nor through the first coder's excerpt's own pages, nor the theme page.
    response = second.get(f"/interviews/excerpts/{first_copy.pk}/edit/", follow=True)
    assert "Only the coder whose excerpt this is may change it." in response.content.decode()
    assert WAITING not in second.get(f"/interviews/themes/{pair['waiting'].pk}/").content.decode()
    second.post(f"/interviews/excerpts/{first_copy.pk}/delete/")
    assert Excerpt.objects.filter(pk=first_copy.pk).exists()
    # Someone else in the team sees the final coding and cannot code or change it.
    other = signed_in(make_user("third", INTERVIEW_TEAM))
    page = other.get(url).content.decode()
    assert "Two other people are coding this transcript" in page
    assert f'id="excerpt-{pair["earlier"].pk}"' in page
    assert f"/interviews/excerpts/{pair['earlier'].pk}/edit/" not in page
    other.post(url, {"quote": SUNRISE, "themes": [pair["waiting"].pk]})
    assert Excerpt.objects.count() == 3
    # The final coding waits: nobody changes it while two code.
    response = signed_in(pair["first"]).post(
        f"/interviews/excerpts/{pair['earlier'].pk}/delete/", follow=True
    )
    assert "Two coders are coding this transcript" in response.content.decode()
    assert Excerpt.objects.filter(pk=pair["earlier"].pk).exists()


def test_the_comparison_opens_only_when_both_have_finished(pair, client_for):
    interview = pair["interview"]
    code(pair, "second", WAITING, pair["waiting"])
    code(pair, "second", SUNRISE, pair["volunteering"])
    first, second = signed_in(pair["first"]), signed_in(pair["second"])
    url = f"/interviews/{interview.pk}/agreement/"
    page = first.get(url).content.decode()
    assert "The comparison opens when both coders have finished" in page
    assert SUNRISE not in page
    first.post(f"/interviews/{interview.pk}/two-coders/finished/")
    assert "Still coding: the second coder." in first.get(url).content.decode()
    # Finished means fixed.
    with pytest.raises(Exception, match="your coding is fixed"):
        code(pair, "first", SUNRISE, pair["volunteering"])
    response = second.post(f"/interviews/{interview.pk}/two-coders/finished/", follow=True)
    page = response.content.decode()
    assert "Both coders have finished" in page
    # Waiting: both coded the same 23 characters; Volunteering: only the second, 34 of 255.
    assert len(TRANSCRIPT) == 255
    rows = page.split('id="agreement-table"')[1].split("</table>")[0]
    assert '<th scope="row" class="govuk-table__header">Volunteering</th>' in rows
    volunteering = rows.split(">Volunteering</th>")[1].split("</tr>")[0]
    # po = 221/255 = 86.7%; pe = (0·34 + 255·221)/255² = 221/255; kappa = 0.
    assert ">0.00<" in volunteering and ">86.7%<" in volunteering
    waiting = rows.split(">Waiting</th>")[1].split("</tr>")[0]
    assert ">1.00<" in waiting and ">100.0%<" in waiting
    assert SUNRISE in page and "Disagreement 1" in page


def test_settling_makes_the_final_coding_and_keeps_unchanged_approvals(pair, client_for):
    interview = pair["interview"]
    code(pair, "first", SUNRISE, pair["waiting"])
    code(pair, "second", WAITING, pair["waiting"])
    code(pair, "second", SUNRISE, pair["volunteering"])
    for who in ("first", "second"):
        double_coding.coder_finish(double_coding=pair["double_coding"], by=pair[who])
    client = client_for(pair["second"])
    settle = f"/interviews/{interview.pk}/agreement/settle/"
    response = client.post(settle, {}, follow=True)
    assert "not yet chosen for disagreement 1." in response.content.decode()
    assert Excerpt.objects.filter(coding=CodingLayer.FINAL).count() == 1
    response = client.post(settle, {"disagreement-1": "second"}, follow=True)
    assert "Settled: the final coding has 2 excerpt(s)" in response.content.decode()
    finals = Excerpt.objects.filter(coding=CodingLayer.FINAL).order_by("start")
    assert [(e.quote, [t.name for t in e.themes.all()]) for e in finals] == [
        (SUNRISE, ["Volunteering"]),
        (WAITING, ["Waiting"]),
    ]
    assert finals[1].pk == pair["earlier"].pk  # unchanged: kept, and still approved
    assert PublicationApproval.objects.filter(excerpt=pair["earlier"]).exists()
    assert finals[0].coded_by == pair["second"]
    settled = DoubleCoding.objects.get()
    assert settled.settled_by == pair["second"] and not settled.is_open
    # The codings stay as the record; the comparison still shows; no second settling.
    assert Excerpt.objects.exclude(coding=CodingLayer.FINAL).count() == 4
    assert (
        "Settled into the final coding"
        in client.get(f"/interviews/{interview.pk}/agreement/").content.decode()
    )
    response = client.post(settle, {"disagreement-1": "first"}, follow=True)
    assert "The two codings are settled already." in response.content.decode()


def test_only_the_pair_settles(pair, client_for, make_user):
    for who in ("first", "second"):
        double_coding.coder_finish(double_coding=pair["double_coding"], by=pair[who])
    other = client_for(make_user("third", INTERVIEW_TEAM))
    response = other.post(f"/interviews/{pair['interview'].pk}/agreement/settle/", {}, follow=True)
    assert "Only the two coders settle their codings." in response.content.decode()
    assert DoubleCoding.objects.get().is_open


def test_every_reader_outside_coding_reads_the_final_coding_only(pair, client_for, analyst):
    """A coder's excerpt is never counted, listed, exported or published."""
    blind = code(pair, "second", SUNRISE, pair["volunteering"])
    volunteering = pair["volunteering"]
    assert Theme.objects.for_codebook().get(pk=volunteering.pk).excerpt_count == 0
    assert not Excerpt.objects.for_listing().filter(pk=blind.pk).exists()
    assert "The excerpt is a coder's own, not the transcript's final coding." in (
        publication_blockers(blind)
    )
    PublicationApproval.objects.create(excerpt=blind)  # even if approved somehow
    assert blind.pk not in {e.pk for e in published_excerpts()}
    client = client_for(analyst)
    assert SUNRISE not in client.get(f"/interviews/themes/{volunteering.pk}/").content.decode()
    matrix = client.get("/interviews/themes/matrix/").content.decode()
    assert "Volunteering" in matrix.split("nothing coded")[-1] or "Volunteering" not in matrix


def test_withdrawal_erases_every_coding(pair):
    from interviews.erasure.withdrawal import withdraw_participant

    code(pair, "second", SUNRISE, pair["volunteering"])
    withdraw_participant(participant=pair["interview"].participant, by=pair["first"])
    assert not Excerpt.objects.exists()
    assert not DoubleCoding.objects.exists()


def test_starting_two_coders_is_refused_plainly(client_for, interviewer):
    interview = make_interview()
    response = client_for(interviewer).post(
        f"/interviews/{interview.pk}/two-coders/",
        {"first_coder": interviewer.pk, "second_coder": interviewer.pk},
        follow=True,
    )
    assert "Choose someone other than the first coder." in response.content.decode()
    assert not DoubleCoding.objects.exists()


def test_the_comparison_runs_a_fixed_number_of_queries(
    pair, client_for, django_assert_num_queries, request_overhead
):
    for words in (SUNRISE, "Boundaries, mostly.", "Peer support means being alongside"):
        code(pair, "second", words, pair["volunteering"], pair["waiting"])
    for who in ("first", "second"):
        double_coding.coder_finish(double_coding=pair["double_coding"], by=pair[who])
    client = client_for(pair["first"])
    overhead = request_overhead(client)
    # interview with its pair, the access log's entry, the two codings' excerpts, their themes
    with django_assert_num_queries(overhead + 4):
        page = client.get(f"/interviews/{pair['interview'].pk}/agreement/").content.decode()
    assert page.count('class="psd-disagreement"') == 4  # the first coder's alone, and three


def test_the_second_coder_gets_no_earlier_coding_from_the_refi_file_or_the_quotes(pair):
    """The first coder's work is the final coding until the pair settles: wherever the final
    coding is read in full (the REFI-QDA file, the quotes page), the second coder does not
    get this transcript's."""
    from interviews.exchange.tests.reading import open_qdpx
    from reports.interview_figures.release import interview_figures_release

    interview_figures_release(note="with the earlier quote")
    first, second = signed_in(pair["first"]), signed_in(pair["second"])
    assert (
        "1 approved, anonymised transcript," in first.get("/interviews/exchange/").content.decode()
    )
    page = second.get("/interviews/exchange/").content.decode()
    assert "0 approved, anonymised transcripts" in page
    assert "It leaves out the 1 transcript you are coding second" in page
    _, sources, _ = open_qdpx(second.get("/interviews/exchange/coded-interviews.qdpx").content)
    assert sources == {}
    _, sources, _ = open_qdpx(first.get("/interviews/exchange/coded-interviews.qdpx").content)
    assert len(sources) == 1
    assert pair["earlier"].quote in first.get("/study/quotes/").content.decode()
    assert pair["earlier"].quote not in second.get("/study/quotes/").content.decode()
