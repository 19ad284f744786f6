"""What a reader must know about a place's population beside its rate per 100,000.

The study divided Harrogate & Rural District's activities by 75,070, the
population of Harrogate town (ONS, June 2016), not of the district they were
found in; the places' fixture keeps the study's figure. Said beside the rate for
as long as the population is still that figure (an edit in the admin ends it).
"""

# {place slug: (the population the note is about, the note)}
POPULATION_NOTES = {
    "harrogate-rural-district": (
        75_070,
        "the population of Harrogate town, as the study used it, not of the whole "
        "Harrogate & Rural District, so this rate is higher than the district's would be",
    ),
}


def population_note(place):
    """The note to show beside ``place``'s rate, or ""."""
    population, note = POPULATION_NOTES.get(place.slug, (None, ""))
    return note if population is not None and place.population == population else ""
