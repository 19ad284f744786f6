"""A small known interview data set whose figures are worked out by hand in the tests.

Leeds, seven participants (LDS-01 interviewed twice):

    code    sector        role     paid       themes coded (excerpts)
    LDS-01  Third Sector  worker   volunteer  Boundaries (2 in the first interview, 1 in the second)
    LDS-02  Third Sector  worker   volunteer  Boundaries
    LDS-03  Third Sector  manager  paid       Boundaries
    LDS-04  NHS           worker   volunteer  Burnout + Autonomy (one excerpt, both themes)
    LDS-05  NHS           manager  paid       Burnout + Autonomy
    LDS-06  NHS           manager  paid       Burnout + Autonomy
    LDS-07  Third Sector  worker   paid       Co-production

Wakefield, three participants: WKF-01..03, Community, worker, paid, one excerpt
each coded Burnout + Safe space. The other four places: nobody.

Region: 10 participants; Third Sector 4, NHS 3, Community 3; workers 7,
managers 3; paid 7, volunteers 3. Themes (participants / interviews / excerpts):
Burnout 6/6/6, Boundaries 3/4/5, Autonomy 3/3/3, Safe space 3/3/3 and
Co-production 1/1/1, the only count under 3.
"""

from activities.vocabulary.terms import Sector
from interviews.coding.services import excerpt_create
from interviews.models import ParticipantRole
from interviews.tests.factories import make_interview, make_participant, make_theme

WORKER, MANAGER = ParticipantRole.WORKER, ParticipantRole.MANAGER
PEOPLE = [
    # code, place, sector, role, paid, [[themes of each excerpt] for each interview]
    (
        "LDS-01",
        "leeds",
        Sector.THIRD_SECTOR,
        WORKER,
        False,
        [[["Boundaries"]] * 2, [["Boundaries"]]],
    ),
    ("LDS-02", "leeds", Sector.THIRD_SECTOR, WORKER, False, [[["Boundaries"]]]),
    ("LDS-03", "leeds", Sector.THIRD_SECTOR, MANAGER, True, [[["Boundaries"]]]),
    ("LDS-04", "leeds", Sector.NHS, WORKER, False, [[["Burnout", "Autonomy"]]]),
    ("LDS-05", "leeds", Sector.NHS, MANAGER, True, [[["Burnout", "Autonomy"]]]),
    ("LDS-06", "leeds", Sector.NHS, MANAGER, True, [[["Burnout", "Autonomy"]]]),
    ("LDS-07", "leeds", Sector.THIRD_SECTOR, WORKER, True, [[["Co-production"]]]),
    ("WKF-01", "wakefield", Sector.COMMUNITY, WORKER, True, [[["Burnout", "Safe space"]]]),
    ("WKF-02", "wakefield", Sector.COMMUNITY, WORKER, True, [[["Burnout", "Safe space"]]]),
    ("WKF-03", "wakefield", Sector.COMMUNITY, WORKER, True, [[["Burnout", "Safe space"]]]),
]


def add_participant(code, place, sector, role, paid, interviews=((),)):
    """A participant with an approved interview per entry of ``interviews``, each a list of
    excerpts given by their theme names; returns the participant."""
    participant = make_participant(
        code=code, place=place, sector=sector, role=role, paid=paid, name=None
    )
    for excerpts in interviews:
        interview = make_interview(participant)
        for n, theme_names in enumerate(excerpts):
            excerpt_create(
                interview=interview,
                start=n,
                end=n + 10,
                themes=[make_theme(name) for name in theme_names],
                by=None,
            )
    return participant


def make_known_interviews():
    return {row[0]: add_participant(*row) for row in PEOPLE}


def release():
    """Release the interview figures as they are now: the report pages show only a release."""
    from reports.interview_figures.release import interview_figures_release

    return interview_figures_release(note="test")
