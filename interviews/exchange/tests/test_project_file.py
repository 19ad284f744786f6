"""The .qdpx export: valid against the official REFI-QDA schema, and read back as another
tool would, it holds the coding at the same offsets and nothing that must stay here."""

import io

import pytest
from django.core.management import CommandError, call_command

from interviews.exchange.project_file import MEMO_SEPARATOR, guid, memos_anonymised, qdpx_export
from interviews.exchange.tests.reading import DRAFT, NS, open_qdpx, project_text
from interviews.models import AccessLogEntry
from interviews.personal_data.models import AccessEvent
from interviews.rounds.models import ResearchRound


def test_project_qde_is_valid_against_the_refi_qda_project_schema(coded_study, refi_schema):
    project, _, _ = open_qdpx(qdpx_export().data)
    refi_schema.assertValid(project)


def test_an_empty_study_still_gives_a_valid_project(db, refi_schema):
    qdpx = qdpx_export()
    project, sources, _ = open_qdpx(qdpx.data)
    refi_schema.assertValid(project)
    assert (qdpx.transcripts, qdpx.excerpts, sources) == (0, 0, {})


def test_each_coded_passage_selects_the_same_text_with_its_themes(coded_study):
    project, sources, _ = open_qdpx(qdpx_export().data)
    code_names = {c.get("guid"): c.get("name") for c in project.iterfind(".//q:Code", NS)}
    read_back = []
    for source in project.iterfind("q:Sources/q:TextSource", NS):
        path = source.get("plainTextPath")
        assert path.startswith("internal://")
        text = sources["sources/" + path.removeprefix("internal://")]
        for selection in source.iterfind("q:PlainTextSelection", NS):
            start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
            themes = sorted(
                code_names[ref.get("targetGUID")]
                for ref in selection.iterfind("q:Coding/q:CodeRef", NS)
            )
            read_back.append((source.get("name"), text[start:end], themes))
    assert read_back == [
        ("LDS-01 2020-02-01", "Boundaries, mostly.", ["Boundaries", "Values"]),
        ("LDS-01 2020-02-01", "waiting lists are long", ["Waiting lists"]),
        ("WKF-02 2020-02-01", "“values” 😊", ["Values"]),
    ]
    assert [e.quote for e in coded_study["excerpts"]] == [text for _, text, _ in read_back]


def test_the_source_files_are_the_approved_transcripts_word_for_word(coded_study):
    _, sources, names = open_qdpx(qdpx_export().data)
    first, second = coded_study["interviews"]
    assert sources == {
        f"sources/{guid('interview', first.pk)}.txt": first.transcript,
        f"sources/{guid('interview', second.pk)}.txt": second.transcript,
    }
    assert sorted(names) == sorted(["project.qde", *sources])


def test_the_codebook_keeps_its_tree_and_descriptions(coded_study):
    project, _, _ = open_qdpx(qdpx_export().data)
    codes = project.find("q:CodeBook/q:Codes", NS)
    tree = {
        code.get("name"): [child.get("name") for child in code.iterfind("q:Code", NS)]
        for code in codes.iterfind("q:Code", NS)
    }
    assert tree == {"Challenges": ["Boundaries", "Waiting lists"], "Values": []}
    challenges = codes.find("q:Code[@name='Challenges']", NS)
    assert challenges.findtext("q:Description", namespaces=NS) == "What makes peer support hard."
    assert {c.get("isCodable") for c in codes.iterfind(".//q:Code", NS)} == {"true"}


def test_coders_are_numbered_users_and_their_names_never_leave(coded_study):
    qdpx = qdpx_export()
    project, _, _ = open_qdpx(qdpx.data)
    first, second = coded_study["coders"]
    users = {u.get("guid"): u.get("name") for u in project.iterfind("q:Users/q:User", NS)}
    assert users == {guid("user", first.pk): "Coder 1", guid("user", second.pk): "Coder 2"}
    by_coder = [
        users[s.get("creatingUser")] for s in project.iterfind(".//q:PlainTextSelection", NS)
    ]
    assert by_coder == ["Coder 1", "Coder 2", "Coder 2"]
    xml = project_text(qdpx.data)
    assert "grace" not in xml.lower() and "kofi" not in xml.lower()


def test_participants_are_cases_with_their_attributes_as_variables(coded_study):
    project, _, _ = open_qdpx(qdpx_export().data)
    variables = {
        v.get("guid"): v.get("name") for v in project.iterfind("q:Variables/q:Variable", NS)
    }
    cases = {}
    for case in project.iterfind("q:Cases/q:Case", NS):
        values = {
            variables[value.find("q:VariableRef", NS).get("targetGUID")]: value.findtext(
                "q:TextValue", namespaces=NS
            )
            for value in case.iterfind("q:VariableValue", NS)
        }
        refs = [ref.get("targetGUID") for ref in case.iterfind("q:SourceRef", NS)]
        cases[case.get("name")] = (values, refs)
    first, second = coded_study["interviews"]
    assert cases == {
        "LDS-01": (
            {
                "Place": "Leeds",
                "Sector": "Third Sector",
                "Role": "Peer support worker or volunteer",
                "Paid or volunteer": "Volunteer",
            },
            [guid("interview", first.pk)],
        ),
        "WKF-02": (
            {
                "Place": "Wakefield",
                "Sector": "NHS",
                "Role": "Manager or co-ordinator",
                "Paid or volunteer": "Paid",
            },
            [guid("interview", second.pk)],
        ),
    }


def test_memos_are_notes_with_the_anonymisers_replacements(coded_study):
    project, _, _ = open_qdpx(qdpx_export().data)
    notes = {
        n.get("guid"): n.findtext("q:PlainTextContent", namespaces=NS)
        for n in project.iterfind("q:Notes/q:Note", NS)
    }
    refs = [r.get("targetGUID") for r in project.iterfind(".//q:PlainTextSelection/q:NoteRef", NS)]
    assert refs == list(notes)  # one each for the two excerpts with a memo, in order
    memo = notes[guid("memo", coded_study["excerpts"][0].pk)]
    assert "Jane" not in memo and "Smith" not in memo and "0113" not in memo
    assert "[NAME" in memo and "said this twice" in memo
    assert notes[guid("memo", coded_study["excerpts"][2].pk)] == "A good one."


def test_drafts_unconsented_transcripts_and_identities_never_leave(coded_study):
    qdpx = qdpx_export()
    everything = project_text(qdpx.data) + "".join(open_qdpx(qdpx.data)[1].values())
    assert qdpx.transcripts == 2
    for secret in [
        DRAFT.strip(),
        "Priya",
        "Unconsented words",
        "Jane Smith",
        "Dev Clarke",
        "jane@example.org",
        "CAL-03",
        "HRG-04",
    ]:
        assert secret not in everything


def test_guids_are_the_same_in_every_export(coded_study):
    def guids(data):
        project, _, _ = open_qdpx(data)
        return sorted(e.get("guid") for e in project.iter() if e.get("guid"))

    assert guids(qdpx_export().data) == guids(qdpx_export().data)


def test_each_export_is_in_the_access_log_of_every_transcript_in_it(coded_study):
    coder = coded_study["coders"][0]
    qdpx_export(by=coder)
    logged = AccessLogEntry.objects.filter(event=AccessEvent.EXCHANGE)
    assert sorted(logged.values_list("interview__participant__code", "user")) == [
        ("LDS-01", coder.pk),
        ("WKF-02", coder.pk),
    ]


def test_the_export_costs_the_same_queries_however_many_excerpts(
    coded_study, django_assert_num_queries
):
    # interviews, excerpts, their themes, the codebook, names and staff names and places
    # for the memos, the access log's insert (and its savepoint pair); the round is given
    research_round = ResearchRound.objects.current()
    with django_assert_num_queries(10):
        qdpx_export(research_round=research_round)


def test_memos_are_anonymised_one_by_one_when_one_holds_the_separator(coded_study):
    memos = [f"Jane said{MEMO_SEPARATOR}Smith agreed", "Nothing here", "Jane Smith again"]
    assert memos_anonymised(memos) == [
        f"[NAME 1] said{MEMO_SEPARATOR}[NAME 1] agreed",
        "Nothing here",
        "[NAME 1] again",
    ]


def test_the_command_writes_the_file_and_says_what_it_holds(coded_study, tmp_path):
    out = io.StringIO()
    call_command("export_qdpx", str(tmp_path / "study.qdpx"), stdout=out)
    _, sources, _ = open_qdpx((tmp_path / "study.qdpx").read_bytes())
    assert len(sources) == 2
    assert "Wrote 2019-20 study: 2 transcript(s), 3 coded passage(s) and 4 theme(s)" in (
        out.getvalue()
    )
    assert AccessLogEntry.objects.filter(event=AccessEvent.EXCHANGE, user=None).count() == 2


def test_the_command_refuses_a_folder_or_a_missing_one(db, tmp_path):
    with pytest.raises(CommandError, match="is a folder"):
        call_command("export_qdpx", str(tmp_path))
    with pytest.raises(CommandError, match="does not exist"):
        call_command("export_qdpx", str(tmp_path / "missing" / "study.qdpx"))
    assert not AccessLogEntry.objects.exists()


def test_only_the_final_coding_leaves(coded_study):
    """A coder's own coding, while two code a transcript or kept after they settled, stays."""
    from interviews.coding.models import CodingLayer
    from interviews.models import Excerpt

    before = project_text(qdpx_export().data)
    kept = Excerpt.objects.get(pk=coded_study["excerpts"][1].pk)
    kept.pk, kept.coding, kept.memo = None, CodingLayer.SECOND, "A second coder's note."
    kept.save()
    kept.themes.set(coded_study["themes"][:1])
    after = project_text(qdpx_export().data)
    assert after.count("<PlainTextSelection") == before.count("<PlainTextSelection") == 3
    assert "A second coder's note." not in after
