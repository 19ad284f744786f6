"""The quotes released with the interview figures, as cells of the disclosure audit.

A quote's labels (sector, role, place) are figures too: the quotes page says a label
is shown only when at least three people interviewed share it, so a quote labelled
"Local Authority, manager, Kirklees" tells a reader that at least three LA managers
were interviewed in Kirklees, which the panels' LA and manager counts must make room
for. The audit is given those counts as *latent* cells, never published and possibly
0: how many people of each sector and role were interviewed in each place, adding up
to the panels' figures by sector and by role of that place. Each released quote adds
"its cells add up to at least three". See ``docs/disclosure.md``.
"""

from activities.vocabulary.terms import Sector
from interviews.disclosure.control import THRESHOLD
from interviews.models import ParticipantRole

SECTOR, ROLE = "interview_sector", "interview_role"


def cross_key(sector, role, place_pk):
    return ("cross", sector, role, place_pk)


def cross_grid(places, sizes):
    """(values, lines, latent keys) of the sector-by-role cells of every place.

    ``sizes``: {(sector, role, place pk): people interviewed}
    (``interviews.publication.rules.group_sizes``)."""
    values, lines = {}, []
    sectors, roles = Sector.values, ParticipantRole.values
    for place in places:
        for sector in sectors:
            for role in roles:
                values[cross_key(sector, role, place.pk)] = sizes.get((sector, role, place.pk), 0)
        for sector in sectors:
            cells = [cross_key(sector, role, place.pk) for role in roles]
            lines.append((cells, ("cell", SECTOR, place.pk, sector)))
        for role in roles:
            cells = [cross_key(sector, role, place.pk) for sector in sectors]
            lines.append((cells, ("cell", ROLE, place.pk, role)))
    return values, lines, set(values)


def quote_bounds(quotes, places):
    """[(keys, THRESHOLD)]: what each quote's labels say, once per set of labels.

    ``quotes``: as released (each with its ``attributes``: {name: value})."""
    bounds = set()
    place_pks = [p.pk for p in places]
    for quote in quotes:
        shown = quote["attributes"]
        if "sector" not in shown:
            continue  # no details: only that someone was interviewed
        sector = shown["sector"]
        if "role" not in shown:
            bounds.add(((("region", SECTOR, sector),), THRESHOLD))
            continue
        where = [shown["place"]] if "place" in shown else place_pks
        keys = tuple(cross_key(sector, shown["role"], pk) for pk in where)
        bounds.add((keys, THRESHOLD))
    return sorted(bounds, key=str)


def released_quotes(release):
    """The quotes a release froze ([] for a release made before quotes were)."""
    return release.figures.get("quotes", [])


def quote_words_blank(releases, excerpts=None):
    """Blank the words of the released quotes (of ``excerpts`` only, when given) in each
    of ``releases``, keeping their labels; returns how many quotes lost their words."""
    blanked = 0
    for release in releases:
        quotes = [
            quote
            for quote in released_quotes(release)
            if quote["quote"] and (excerpts is None or quote["excerpt"] in excerpts)
        ]
        for quote in quotes:
            quote["quote"] = ""
        if quotes:
            release.save(update_fields=["figures"])
            blanked += len(quotes)
    return blanked
