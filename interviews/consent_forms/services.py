"""Writing consent form versions: a used version is never changed, it is copied."""

from django.db import transaction
from django.db.models import Max

from interviews.consent_forms.models import FORM_FIELDS, ConsentFormVersion


@transaction.atomic
def consent_form_copy(*, form):
    """A new version, the next number, with ``form``'s statements, sheet and dates to edit."""
    latest = ConsentFormVersion.objects.aggregate(n=Max("version"))["n"] or 0
    values = {f: getattr(form, f) for f in FORM_FIELDS if f != "version"}
    return ConsentFormVersion.objects.create(version=latest + 1, **values)
