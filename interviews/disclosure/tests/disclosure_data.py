"""Made-up interview panels without a database: what ``interview_panels`` would count.

A data set is a list of people, each (place index, sector, role, paid, {theme: (interviews
raising it, excerpts coded with it)}); ``grid`` turns it into the figures, lines and
inequalities that ``interviews.disclosure.control`` protects, exactly as the report pages build them.
Shared by the audit test and ``bench/disclosure_bench.py``.
"""

from types import SimpleNamespace

from activities.vocabulary.terms import Sector
from interviews.models import ParticipantRole
from reports.figures.tables import count_alias
from reports.interview_figures.panels import PARTITIONS, _grid

PLACES = [SimpleNamespace(pk=n) for n in range(1, 7)]  # six places, as in the region
SECTORS = Sector.values
ROLES = ParticipantRole.values
THEMES = ["1", "2", "3", "4", "5"]
SECTOR_WEIGHTS = {Sector.THIRD_SECTOR: 5, Sector.COMMUNITY: 3, Sector.NHS: 2}  # others 1


def participant_counts(people):
    counts = {}
    for place, sector, role, paid, _ in people:
        row = counts.setdefault(PLACES[place].pk, {"participants": 0})
        row["participants"] += 1
        person = {"interview_sector": sector, "interview_role": role}
        person["interview_paid"] = "paid" if paid else "volunteer"
        for key, _, categories, _ in PARTITIONS:
            for value, _, _ in categories:
                alias = count_alias(key, value)
                row[alias] = row.get(alias, 0) + (person[key] == value)
    return counts


def theme_counts(people):
    themes = {}
    for place, *_, coded in people:
        for theme, (interviews, excerpts) in coded.items():
            _, by_place = themes.setdefault(theme, (f"Theme {theme}", {}))
            p, i, e = by_place.get(PLACES[place].pk, (0, 0, 0))
            by_place[PLACES[place].pk] = (p + 1, i + interviews, e + excerpts)
    return themes


def grid(people):
    """(values, lines, at_most, companions) for ``people``."""
    return _grid(PLACES, participant_counts(people), theme_counts(people))


def random_person(rng, place):
    coded = {}
    for theme in rng.sample(THEMES, rng.randint(0, 3)):
        interviews = rng.randint(1, 2)
        coded[theme] = (interviews, interviews + rng.randint(0, 2))
    sector = rng.choices(SECTORS, weights=[SECTOR_WEIGHTS.get(s, 1) for s in SECTORS])[0]
    return (place, sector, rng.choice(ROLES), rng.random() < 0.7, coded)


def realistic(rng):
    """Six places, 3 to 8 participants each, mostly Third Sector and NHS."""
    return [random_person(rng, place) for place in range(6) for _ in range(rng.randint(3, 8))]


def reproduction():
    """The issue's four people: Leeds two Third Sector (a worker and a manager), Calderdale
    an NHS worker and a Community worker (place 0 is Leeds, place 4 Calderdale)."""
    worker, manager = ParticipantRole.WORKER, ParticipantRole.MANAGER
    return [
        (0, Sector.THIRD_SECTOR, worker, True, {}),
        (0, Sector.THIRD_SECTOR, manager, True, {}),
        (4, Sector.NHS, worker, True, {}),
        (4, Sector.COMMUNITY, worker, True, {}),
    ]
