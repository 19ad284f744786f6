import pytest

from interviews import services
from interviews.tests.factories import make_interview, make_participant, make_theme


@pytest.fixture
def coded(db, django_user_model):
    """One participant, an approved interview and a coded excerpt."""
    coder = django_user_model.objects.create_user("coder")
    participant = make_participant(name="Jane Smith")
    interview = make_interview(participant)
    theme = make_theme("Boundaries")
    start = interview.transcript.index("Boundaries")
    excerpt = services.excerpt_create(
        interview=interview,
        start=start,
        end=start + len("Boundaries, mostly."),
        themes=[theme],
        memo="Secret memo",
        by=coder,
    )
    return {"participant": participant, "interview": interview, "theme": theme, "excerpt": excerpt}
