"""The 2019-20 study's consent form and information sheet (its Appendices 5 and 4), word for
word: version 1 of the consent form, loaded by the migration that made forms data
(``interviews/migrations/0014_research_rounds.py``). It is what participants signed: never
edit it. The extracted text's bullets (``Å``) and dashes (``°``) are written as the
characters they stand for."""

import datetime

TITLE = "Participant Consent Form"
WITHDRAW_UNTIL = datetime.date(2020, 6, 30)  # "until June 2020": the end of that month
KEPT_UNTIL = datetime.date(2021, 1, 31)  # "(January 2021)": the end of that month

STATEMENTS = [
    {
        "heading": "Please read the following statements and tick all that apply",
        "statements": [
            {
                "key": "read_information_sheet",
                "text": "I have read the project information sheet and understand the aims "
                "of the project",
            },
            {"key": "wants_to_take_part", "text": "I want to take part in the scoping project"},
        ],
    },
    {
        "heading": "Please read the following statements relating to participation and tick "
        "all that apply",
        "statements": [
            {
                "key": "happy_to_be_interviewed",
                "text": "I am happy to participate in an interview about my role in peer "
                "support delivery",
            },
            {
                "key": "happy_to_be_shadowed",
                "text": "I am happy to be shadowed in my role as a peer support worker / manager",
            },
        ],
    },
    {
        "heading": "Please read the following statements relating to Data Protection and tick "
        "all that apply",
        "statements": [
            {
                "key": "data_used_only_for_project",
                "text": "I understand that data I share will only be used for the purposes of "
                "this project and will not be shared with third parties",
            },
            {
                "key": "stored_safely",
                "text": "I understand that any data I share will be stored safely in accordance "
                "with the Leeds Mind Data protection policy which adheres to the data "
                "protection act 2018",
            },
            {
                "key": "details_anonymised",
                "text": "I understand that any personal details I share will be anonymised",
            },
            {
                "key": "may_withdraw",
                "text": "I understand that I can withdraw my participation and my data at any "
                "time until June 2020",
            },
            {
                "key": "contributions_in_report",
                "text": "I understand that my contributions may be used as part of a final "
                "report that will be reviewed internally by Leeds Mind, the LWAB and other ICS "
                "professionals",
            },
            {
                "key": "data_kept_six_months",
                "text": "I understand any information I give will be stored by Leeds Mind for 6 "
                "months after the project ends (January 2021)",
            },
        ],
    },
    {
        "heading": "Please read the following statements relating to the project management "
        "and tick all that apply",
        "statements": [
            {
                "key": "may_ask_for_clarification",
                "text": "I understand that if I have any questions or queries, I can ask for "
                "clarification from carley.stubbs@leedsmind.org.uk",
            },
            {
                "key": "may_raise_concerns",
                "text": "I understand that if I have any concerns, complaints or compliments "
                "about the project, I can contact julia.stimpson@leedsmind.org.uk",
            },
        ],
    },
]

INFORMATION_SHEET = """Project Information Sheet

Project Title: Scoping peer support activity across the West Yorkshire and Harrogate Integrated Care System (WY&H ICS)

Project Duration: October 2019 - July 2020

Project Aims:
• To learn more about current peer support activity across the WY&H ICS
• To explore the experiences and expertise of the peer support workforce across the WY&H ICS
• To identify best practice for peer support across the WY&H ICS
• To identify barriers and challenges faced by the peer support workforce across the WY&H ICS
• To identify barriers and opportunities relating to integrating peer support into NHS settings

Project context:
• The project is funded by the West Yorkshire and Harrogate Workforce Local Workforce Action Board (LWAB)
• Find out more about the LWAB here: https://www.hee.nhs.uk/our-work/localworkforce-action-boards
• The project is being delivered by Leeds Mind. A mental health charity with a proven track record of developing and delivering peer support activity.
• Find out more about Leeds Mind here: https://www.leedsmind.org.uk/
• The project is located within the context of the WY&H ICS.
• Find out more about Integrated Care Systems here: https://www.england.nhs.uk/integratedcare/integrated-care-systems/
• The West Yorkshire and Harrogate geographic footprint includes Leeds, Bradford District and Craven, Kirklees, Calderdale, Wakefield, and Harrogate and Rural district
• The project will engage with the peer support workforce across Statutory services, third sector organisations, the local community, and partnership projects.

The project has 3 strands of activity

National Scoping
• The project will seek to research and review national examples of peer support practice in the form of a literature review
• This literature review will explore definitions of peer support, peer support models and principles, and the roles and responsibilities of the peer support workforce.

Local Scoping
• The project will seek to scope local peer support through desk-based research, telephone and email enquiries, accessing existing professional networks and by engaging with local community life.
• The project will create a detailed overview of local peer support activity by collating the findings of the scoping exercise into a centralised database
• The project aims to access an experiential understanding of the peer support workforce by shadowing and interviewing peer support workers across the region.
• The project aims to engage the peer support workforce in semi-structured interviews to learn more about their role, responsibilities and experiences

Writing up / reporting
• The project will produce a final report describing the existing peer support activity across the WY&H region.
• The report will include a literature review, local area data, insights into workforce experience, and will identify best practice as well as challenges in peer support delivery.
• The report will consider the potential barriers and opportunities for integrating peer support into NHS contexts.
• The report will develop recommendations for the future of peer support across the region.
• The report will develop recommendations for further scoping or research into peer support across the WY&H region.

How your organisation/project can get involved (+ anticipated time commitment)

There are 3 ways organisations/projects can participate in the scoping exercise:
1.Sharing basic details of your peer support activity (approx. 10 mins)
2.Participating in semi-structured interviews (approx. 30 – 1 hour)
3. Allowing the project team to shadow the peer support workforce in your organisation (approx. 1-5 days)

GDPR compliance
• Informed Consent will be collected from interview and shadowing participants
• Sensitive personal data will not be collected at any point
• Any information you share will be stored in compliance with the Data Protection Act 2018
• All interviews will be audio recorded, then uploaded immediately onto a password protected device. The original recording will be deleted.
• All contributions will be anonymised (although the names of participating organisations may remain)
• Any information shared will be used for the aims and purposes of this project only
• Participants can withdraw their participation and/or their data without having to give a reason until the reporting point (June 2020)
• Leeds Mind will store all contributions safely for six months beyond the end of the project (January 2021)

For more information please contact the project team leader:
Carley Stubbs - Team Leader
Clarence House, 11 Clarence Road, Horsforth, Leeds LS18 4LB
carley.stubbs@leedsmind.org.uk

If you have any concerns, complaints or compliments please contact
Julia Stimpson – Operations manager
Clarence House, 11 Clarence Road, Horsforth, Leeds LS18 4LB
julia.stimpson@leedsmind.org.uk
"""
