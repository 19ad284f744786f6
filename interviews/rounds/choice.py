"""Which research round a page shows: ``?round=`` by its short name, else the newest.

The participants list, the theme matrix and the theme co-occurrence table each show one
round at a time (issue #32: every list of participants or figures is a round's), with a
choice of round when there is more than one (``templates/interviews/rounds/_choice.html``).
"""

from interviews.models import ResearchRound


def round_chosen(rounds, slug):
    """The round of ``rounds`` (newest first) whose short name is ``slug``, else the first;
    ``None`` when there is none."""
    return next((r for r in rounds if r.slug == slug), rounds[0] if rounds else None)


def rounds_and_shown(request):
    """(every round, newest first; the round ``?round=`` names, else the newest)."""
    rounds = list(ResearchRound.objects.order_by("-starts_on", "-pk"))
    return rounds, round_chosen(rounds, request.GET.get("round"))


def round_file_name(stem, extension, shown):
    """A download's file name, naming the round it counts (``stem-2019-20.csv``)."""
    return f"{stem}-{shown.slug}.{extension}" if shown else f"{stem}.{extension}"
