"""The codebook, question guides and consent form say what the study says.

The lists below were written from the study's text (scoping-report.txt: the
literature review's national values and findings, the interview findings,
Appendix 3's guidelines and questions, Appendix 5's consent form), not from the
fixtures, so a paraphrase creeping into the fixtures or the models fails here.
"""

import json
from pathlib import Path

import pytest
from django.conf import settings

from interviews.models import Consent, ConsentFormVersion, InterviewGuide, Theme
from interviews.recording.interview_aids import GROUND_RULES
from interviews.reference.services import interview_reference_load

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
WYH, L, B = "interviews", "literature", "both"  # the source of each theme

# parent: (source, [(child, source), ...])
CODEBOOK = {
    "What does peer support mean in WY&H?": (
        WYH,
        [
            ("Social model approach", WYH),
            ("Non-clinical", WYH),
            ("Authentic and human approach", WYH),
            ("Peer-led", WYH),
            ("Organic", WYH),
            ("Recovery focused", WYH),
            ("Community oriented", WYH),
        ],
    ),
    "Values and principles of peer support": (
        B,
        [
            # WY&H: "Shared experience, respect, and empathy and understanding ...
            # Additional values ... empowerment, equal relationships and overcoming power
            # dynamics, creating a safe space, and being recovery focused."
            ("Shared experience", B),
            ("Respect", WYH),
            ("Empathy and understanding", WYH),
            ("Empowerment", WYH),
            ("Equal relationships and overcoming power dynamics", WYH),
            ("Creating a safe space", WYH),
            ("Being recovery focused", WYH),
            # The literature review's "10 values that appeared in the national context".
            ("Recovery focussed", L),
            ("Authentic", L),
            ("Mutual trust", L),
            ("Choice and control", L),
            ("Safety", L),
            ("Empathy", L),
            ("Inclusive", L),
            ("Non-directive", L),
            ("Holistic", L),
        ],
    ),
    "WY&H peer support workforce – key duties": (
        WYH,
        [
            ("Delivering peer support models/activities", WYH),
            ("Signposting and referrals", WYH),
            ("Supporting service users to access the community", WYH),
            ("Managing social media groups and content", WYH),
            ("Building relationships with key organisations and charities", WYH),
            ("Securing funding", WYH),
            ("Administration", WYH),
            ("Advocating for service users", WYH),
            ("Attending benefit assessments", WYH),
        ],
    ),
    "Delivery model": (
        WYH,
        [
            ("1:1 support", WYH),
            ("Facilitated groups", WYH),
            ("Activity groups", WYH),
            ("Support groups", WYH),
            ("Guidelines, ground rules", WYH),
            ("Why this delivery model", WYH),
        ],
    ),
    "Local need and providers": (
        WYH,
        [("Specific to local need", WYH), ("Other peer support providers locally", WYH)],
    ),
    "What peer support brings to the organisation": (WYH, []),
    "Benefits of working in peer support across WY&H": (
        B,
        [
            ("Job satisfaction", WYH),
            ("Improved mental health", WYH),
            ("Ability to share lived experience", WYH),
            ("Personal growth and development", WYH),
            ("Volunteering, gaining paid employment and/or returning to work", WYH),
            ("Confidence", L),
            ("Decreased self-stigma", L),
            ("Interpersonal skills", L),
            ("Earning money", L),
            ("Improved wellbeing", L),
        ],
    ),
    "Benefits for service users": (
        WYH,
        [
            ("Feeling understood", WYH),
            ("A reduced sense of isolation", WYH),
            ("Progression to volunteering and/or employment in service", WYH),
        ],
    ),
    "Shared benefits for both the peer support workers & service users": (WYH, []),
    "Organisational benefits": (
        WYH,
        [
            ("Increased opportunities for co-production", WYH),
            ("Greater partnership working across organisations", WYH),
        ],
    ),
    "Challenges of working in peer support across WY&H": (
        B,
        [
            ("Managing interpersonal boundaries", WYH),
            ("Managing their own mental health", WYH),
            ("Becoming triggered", B),
            ("Burnout", L),
            ("Managing boundaries", L),
        ],
    ),
    "Support, supervision and training": (
        WYH,
        [("Supervision", WYH), ("Self-care", WYH), ("Training", WYH)],
    ),
    "Paid peer support": (WYH, [("Payment and the quality of peer support", WYH)]),
    "Understood and valued": (WYH, [("Positive attitudes", WYH), ("Challenging attitudes", WYH)]),
    "Benefits of peer support in integrated contexts": (
        B,
        [
            ("Changing the power hierarchy in the NHS", WYH),
            ("Introducing new approaches", WYH),
            ("Enriching services and dimensions of support", WYH),
            ("Multiple staff support opportunities", WYH),
            ("Enhanced signposting routes and pathways", WYH),
            ("Greater diversity and inclusivity", L),
            ("Reduced stigma", L),
        ],
    ),
    "Institutional challenges": (
        B,
        [
            ("A lack of understanding of peer support", WYH),
            ("Negative attitudes", WYH),
            ("Balancing different approaches to working", WYH),
            ("Capacity", WYH),
            ("Resistance", L),
            ("Peer support workers being undermined and dismissed", L),
        ],
    ),
}
NATIONAL_VALUES = [
    "Recovery focussed",
    "Authentic",
    "Mutual trust",
    "Choice and control",
    "Safety",
    "Empathy",
    "Inclusive",
    "Non-directive",
    "Holistic",
    "Shared experience",
]

WORKER_QUESTIONS = [
    "Can you give a brief summary of your organisation and your role within it?",
    "We are scoping peer support across WY&H. Can you tell me about the area you work in? "
    "Is the peer support you provide specific to local need in any way?",
    "How does your service fit in in the context of [place]? For example, are there other "
    "peer support providers locally? If so, how do you interact?",
    "What does peer support mean to you and your organisation? [prompt: who is a peer and "
    "how is support defined?]",
    "Is your peer support work underpinned by any values or principles? If so, what are "
    "they? [may include things like mutuality, safety, respect, shared experience etc]",
    "What are the main duties of your peer support role? [prompt: What does a typical day "
    "look like for you?]",
    "[if not covered in previous answer] What delivery model does your peer support take? "
    "[Prompt: 1:1 support, facilitated groups, activity groups, support groups, guidelines, "
    "ground rules] Why do you work in this delivery model?",
    "What sort of benefits have you experienced from your role as a peer support "
    "worker/volunteer? [Prompt: what do you enjoy most about your role?]",
    "Have you encountered any challenges in your role as a peer support worker/volunteer? "
    "[Prompt: what difficulties do you encounter on a day to day basis?]",
    "Do you have access to support in your role? [Prompt: How does your organisation "
    "support you? How do you support yourself?]",
    "What is your perspective on paid peer support? [prompt: Do you think payment changes "
    "the quality of peer support in any way?]",
    "Do you feel like peer support is understood and valued among your colleagues and your "
    "wider professional networks? [Prompt: have you encountered any positive or challenging "
    "attitudes?]",
    "Is there anything else you would like to mention?",
]
MANAGER_QUESTIONS = [
    "Can you give a brief summary of your organisation and your role within it?",
    "How does peer support fit into the wider service you work offer? [Prompt: what does "
    "peer support bring to your organisation?]",
    "We are scoping peer support across WY&H. Can you tell me about the area you work in? "
    "Is the peer support you provide specific to local need in any way?",
    "How does your service fit in the context of [place]? For example, are there other peer "
    "support providers locally? If so, how do you interact?",
    "What does ‘peer support’ mean to you/your organisation? [Prompt: who is a peer? how is "
    "support defined?]",
    "Is the peer support work you oversee underpinned by any values or principles? [prompt: "
    "If so, what are they? If not, why not?]",
    "What are the main duties of your role as a manager/coordinator of peer support "
    "activity? [Prompt: what does a typical day look like for you?]",
    "What delivery model does your peer support take? [Prompt: 1:1, facilitated groups, "
    "activity groups, support groups, guidelines] Why do you work in this delivery model?",
    "What sort of benefits have you encountered in your role as a peer support "
    "manager/coordinator? [Prompt: what do you enjoy most about your role?]",
    "What sort of challenges have you encountered in your role as a peer support "
    "manager/coordinator? [Prompt: what things do you find challenging day to day?]",
    "How are your peer support workers/volunteers supported? How are you supported? "
    "[Prompt: supervision/self-care)?",
    "What is your perspective on paid peer support? [Prompt: do you think payment changes "
    "the quality of peer support in any way?]",
    "Do you feel like peer support is understood and valued among your colleagues and your "
    "professional networks [Prompt: have you encountered any positive or challenging "
    "attitudes?]",
    "Is there anything else you would like to mention?",
]
CONSENT_STATEMENTS = [
    "I have read the project information sheet and understand the aims of the project",
    "I want to take part in the scoping project",
    "I am happy to participate in an interview about my role in peer support delivery",
    "I am happy to be shadowed in my role as a peer support worker / manager",
    "I understand that data I share will only be used for the purposes of this project and "
    "will not be shared with third parties",
    "I understand that any data I share will be stored safely in accordance with the Leeds "
    "Mind Data protection policy which adheres to the data protection act 2018",
    "I understand that any personal details I share will be anonymised",
    "I understand that I can withdraw my participation and my data at any time until June 2020",
    "I understand that my contributions may be used as part of a final report that will be "
    "reviewed internally by Leeds Mind, the LWAB and other ICS professionals",
    "I understand any information I give will be stored by Leeds Mind for 6 months after the "
    "project ends (January 2021)",
    "I understand that if I have any questions or queries, I can ask for clarification from "
    "carley.stubbs@leedsmind.org.uk",
    "I understand that if I have any concerns, complaints or compliments about the project, I "
    "can contact julia.stimpson@leedsmind.org.uk",
]
GUIDELINES = [
    "I agree to respect other people’s differences, experiences and life choices",
    "I will try not to talk over the other person or interrupt them to",  # cut in the study
    "I can ask questions or clarify things as and when I need",
    "I can ask for a break if I need one",
    "I can pass on any question without having to give a reason",
    "I can ask for help if I need it",
    "I will try to look after myself and my wellbeing during the interview",
]


def expected_rows():
    rows = []
    for parent, (source, children) in CODEBOOK.items():
        rows.append((parent, "", source))
        rows += [(child, parent, child_source) for child, child_source in children]
    return rows


def test_the_codebook_fixture_names_every_theme_as_the_study_does():
    fixture = json.loads((FIXTURES / "codebook.json").read_text(encoding="utf-8"))
    assert sorted((t["name"], t["parent"], t["source"]) for t in fixture) == sorted(expected_rows())


def test_the_themes_the_issue_found_missing_or_reworded_are_there_as_written():
    fixture = {t["name"]: t for t in json.loads((FIXTURES / "codebook.json").read_text())}
    for name in [
        "Delivering peer support models/activities",
        "Building relationships with key organisations and charities",
        "Ability to share lived experience",
        "Equal relationships and overcoming power dynamics",
        "Shared benefits for both the peer support workers & service users",
        "Community oriented",
        "Support, supervision and training",
        "Local need and providers",
        "Why this delivery model",
    ]:
        assert name in fixture, name
    for reworded in [
        "Delivering peer support sessions",
        "Building relationships with organisations",
        "Sharing lived experience",
        "Equal relationships and attention to power",
    ]:
        assert reworded not in fixture


@pytest.mark.django_db
def test_the_loaded_codebook_lets_national_and_local_values_be_compared():
    interview_reference_load()
    values = Theme.objects.get(name="Values and principles of peer support")
    national = set(
        values.children.filter(source__in=["literature", "both"]).values_list("name", flat=True)
    )
    assert national == set(NATIONAL_VALUES)
    local = set(
        values.children.filter(source__in=["interviews", "both"]).values_list("name", flat=True)
    )
    assert local & national == {"Shared experience"}
    assert {"Authentic", "Mutual trust", "Safety"} <= national - local
    assert sorted(Theme.objects.values_list("name", "parent__name", "source")) == sorted(
        (name, parent or None, source) for name, parent, source in expected_rows()
    )


@pytest.mark.django_db
def test_the_question_guides_are_the_studys_word_for_word_and_versioned():
    interview_reference_load()
    worker = InterviewGuide.objects.get(slug="worker")
    manager = InterviewGuide.objects.get(slug="manager")
    assert worker.questions == WORKER_QUESTIONS and len(worker.questions) == 13
    assert manager.questions == MANAGER_QUESTIONS and len(manager.questions) == 14
    assert worker.version == manager.version == "Appendix 3 (2019-20)"
    assert (worker.role, manager.role) == ("worker", "manager")


CONSENT_HEADINGS = [
    "Please read the following statements and tick all that apply",
    "Please read the following statements relating to participation and tick all that apply",
    "Please read the following statements relating to Data Protection and tick all that apply",
    "Please read the following statements relating to the project management and tick all "
    "that apply",
]
# Sentences of the information sheet (Appendix 4), each as the study has it.
INFORMATION_SHEET = [
    "Project Title: Scoping peer support activity across the West Yorkshire and Harrogate "
    "Integrated Care System (WY&H ICS)",
    "Project Duration: October 2019 - July 2020",
    "• Find out more about the LWAB here: https://www.hee.nhs.uk/our-work/"
    "localworkforce-action-boards",
    "2.Participating in semi-structured interviews (approx. 30 – 1 hour)",
    "• Participants can withdraw their participation and/or their data without having to "
    "give a reason until the reporting point (June 2020)",
    "• Leeds Mind will store all contributions safely for six months beyond the end of the "
    "project (January 2021)",
    "Julia Stimpson – Operations manager",
]


@pytest.mark.django_db
def test_consent_form_version_1_is_the_studys_form_word_for_word():
    form = ConsentFormVersion.objects.get(version=1)
    assert [g["heading"] for g in form.statements] == CONSENT_HEADINGS
    texts = [s["text"] for g in form.statements for s in g["statements"]]
    assert texts == CONSENT_STATEMENTS
    assert "software_transcription" not in form.statement_keys()  # a separate tick
    sheet = " ".join(form.information_sheet.split())
    for sentence in INFORMATION_SHEET:
        assert sentence in sheet
    assert sheet.startswith("Project Information Sheet Project Title:")
    assert sheet.endswith("julia.stimpson@leedsmind.org.uk")
    assert form.rounds.get().name == "2019-20 study"


def test_no_statement_of_the_study_is_left_as_a_field_label():
    """The statements are the form version's data, not model labels with 2020 dates."""
    labels = [str(Consent._meta.get_field(name).verbose_name) for name in Consent.STATEMENTS]
    assert not set(labels) & set(CONSENT_STATEMENTS)
    assert not [label for label in labels if "2020" in label or "2021" in label]


def test_the_ground_rules_are_the_studys_guidelines():
    assert GROUND_RULES == GUIDELINES


@pytest.mark.django_db
def test_the_codebook_page_compares_national_and_local_values(client_for, analyst):
    interview_reference_load()
    page = client_for(analyst).get("/interviews/themes/").content.decode()
    table = page.split('id="national-and-local"')[1].split("</table>")[0]
    row = table.split(">Values and principles of peer support</th>")[1].split("</tr>")[0]
    national, both, local = [cell.split(">")[-1] for cell in row.split("</td>")[:3]]
    assert national.split("; ") == [
        "Authentic",
        "Choice and control",
        "Empathy",
        "Holistic",
        "Inclusive",
        "Mutual trust",
        "Non-directive",
        "Recovery focussed",
        "Safety",
    ]
    assert both == "Shared experience"
    assert "Equal relationships and overcoming power dynamics" in local.split("; ")
    assert "National literature review" in page and "WY&amp;H interviews" in page
