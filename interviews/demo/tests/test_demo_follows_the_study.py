"""The made-up interviews follow what the study says of who it interviewed in each place."""

from collections import Counter

from interviews.demo.generator import demo_participants

ROWS = demo_participants()


def people(place=None, **match):
    return sum(
        1
        for row in ROWS
        if (place is None or row["place"] == place)
        and all(row[key] == value for key, value in match.items())
    )


def test_every_place_follows_its_scoping_highlights():
    # Bradford & Craven: Third Sector and Partnerships the majority; more community than
    # NHS; over half paid.
    assert (
        people("bradford-craven", sector="third_sector")
        + people("bradford-craven", sector="partnership_nhs")
        > people("bradford-craven") / 2
    )
    assert (
        people("bradford-craven", sector="community") > people("bradford-craven", sector="nhs") > 0
    )
    assert people("bradford-craven", paid=True) > people("bradford-craven") / 2
    # Harrogate: Third Sector and Partnerships the majority; NHS and community level; over 50% paid.
    harrogate = "harrogate-rural-district"
    assert (
        people(harrogate, sector="third_sector") + people(harrogate, sector="partnership_nhs")
        > people(harrogate) / 2
    )
    assert people(harrogate, sector="nhs") == people(harrogate, sector="community") > 0
    assert people(harrogate, paid=True) > people(harrogate) / 2
    # Kirklees: the Third Sector a majority; NHS and local authority level; the vast majority paid.
    assert people("kirklees", sector="third_sector") > people("kirklees") / 2
    assert people("kirklees", sector="nhs") == people("kirklees", sector="local_authority") > 0
    assert people("kirklees", paid=True) >= 0.75 * people("kirklees")
    # Leeds: Third Sector and Partnerships the majority; NHS high, community low; most paid.
    assert (
        people("leeds", sector="third_sector") + people("leeds", sector="partnership_nhs")
        > people("leeds") / 2
    )
    assert people("leeds", sector="nhs") > people("leeds", sector="community")
    assert people("leeds", paid=True) > people("leeds") / 2
    # Wakefield: the Third Sector and NHS the majority; NHS high, community low; the
    # vast majority volunteers (the issue: 3 of 3 paid, before).
    assert (
        people("wakefield", sector="third_sector") + people("wakefield", sector="nhs")
        > people("wakefield") / 2
    )
    assert people("wakefield", sector="nhs") > people("wakefield", sector="community")
    assert people("wakefield", paid=False) >= 0.75 * people("wakefield")
    # The region: Third Sector and Partnerships the majority; the local authority lowest of
    # those found; paid workers the majority, then volunteers.
    assert people(sector="third_sector") + people(sector="partnership_nhs") > len(ROWS) / 2
    found = Counter(row["sector"] for row in ROWS)
    assert min(found, key=found.get) == "local_authority"
    assert people(paid=True) > people(paid=False) > 0
    # Places whose highlights name Partnerships incl. NHS interviewed some.
    for place in ("bradford-craven", "harrogate-rural-district", "leeds"):
        assert people(place, sector="partnership_nhs") > 0, place


def test_no_panel_count_is_small_enough_to_be_hidden():
    """Every count the panels show per place is 0 or at least 3: sector, role, paid, themes."""
    counts = Counter()
    for row in ROWS:
        counts[row["place"], "sector", row["sector"]] += 1
        counts[row["place"], "role", row["role"]] += 1
        counts[row["place"], "paid", row["paid"]] += 1
        for theme, _ in row["coded"]:
            counts[row["place"], "theme", theme] += 1
    assert min(counts.values()) >= 3
    managers = [row for row in ROWS if row["role"] == "manager"]
    assert all(row["paid"] for row in managers)  # managers and co-ordinators are paid
