"""What the interviewer has in front of them: the study's ground rules, the reflective
space that opens and closes each interview, the guide's questions and the place's
signposting information for an interviewee who becomes distressed."""

from dataclasses import dataclass

from interviews.models import Signposting

# Appendix 3, "Guidelines for the interviews", word for word (the second rule is cut
# short in the study's text as published).
GROUND_RULES_INTRO = (
    "The following is a list of guidelines to support everyone to have a positive interview "
    "experience. Feel free to agree additional guidelines if necessary, to suit your personal "
    "preferences and to meet any additional access needs.",
    "Both the interviewer and interviewee will follow these guidelines throughout the "
    "interview process.",
)
GROUND_RULES = [
    "I agree to respect other people’s differences, experiences and life choices",
    "I will try not to talk over the other person or interrupt them to",
    "I can ask questions or clarify things as and when I need",
    "I can ask for a break if I need one",
    "I can pass on any question without having to give a reason",
    "I can ask for help if I need it",
    "I will try to look after myself and my wellbeing during the interview",
]
# The interview method: "We built reflective space into the interviews so that both
# interviewee and interviewer shared how they were feeling at the start and end."
REFLECTIVE_SPACE_OPENING = (
    "Reflective space to open: before the questions, you and the interviewee each share "
    "how you are feeling."
)
REFLECTIVE_SPACE_CLOSING = (
    "Reflective space to close: after the last question, you and the interviewee each share "
    "how you are feeling now."
)
NO_SIGNPOSTING = (
    "No signposting information is recorded for {place} yet: add it under Signposting "
    "information in data entry before the interview."
)


@dataclass
class InterviewAids:
    ground_rules_intro: tuple
    ground_rules: list
    opening: str
    closing: str
    questions: list
    guide: object
    place: object
    signposting: str | None
    no_signposting: str


def interview_aids(place, guide=None):
    signposting = Signposting.objects.filter(place=place).values_list("text", flat=True).first()
    questions = [q.replace("[place]", place.name) for q in (guide.questions if guide else [])]
    return InterviewAids(
        ground_rules_intro=GROUND_RULES_INTRO,
        ground_rules=GROUND_RULES,
        opening=REFLECTIVE_SPACE_OPENING,
        closing=REFLECTIVE_SPACE_CLOSING,
        questions=questions,
        guide=guide,
        place=place,
        signposting=signposting,
        no_signposting=NO_SIGNPOSTING.format(place=place.name),
    )
