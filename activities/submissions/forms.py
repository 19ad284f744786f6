"""The public "share your activity" form, and the limits that keep it from being abused.

Anyone may send one without signing in; what they send goes only into
``Submission`` (see ``submissions``). Abuse is met by: a honeypot field that
people never see (a filled one is thanked and dropped), a limit of
``SUBMISSIONS_PER_HOUR`` posts from one address (``scoping.accounts.client_address``,
kept in the cache under a hash, never stored), length limits on every field and
on the whole request, and plain text only (everything is escaped when shown).
"""

import hashlib

from django import forms
from django.core.cache import cache

from activities.models import Place, SharedExperience
from activities.submissions.models import Submission
from activities.vocabulary.terms import DeliveredBy, DeliveryModel
from scoping.accounts.client_address import client_address
from scoping.shared.admin_widgets import SafeModelChoiceField, SafeModelMultipleChoiceField

SUBMISSIONS_PER_HOUR = 5
WINDOW_SECONDS = 60 * 60
MAX_BODY_BYTES = 16 * 1024  # far more than the fields' limits add up to
HONEYPOT = "fax_number"
DELIVERED_BY_KNOWN = [(v, label) for v, label in DeliveredBy.choices if v != DeliveredBy.UNKNOWN]


def _key(request):
    address = client_address(request) or "unknown"
    return "psd:share:" + hashlib.sha256(address.encode()).hexdigest()[:32]


def over_rate_limit(request):
    """Count this post against its address; True once it has sent too many this hour."""
    key = _key(request)
    cache.add(key, 0, WINDOW_SECONDS)
    try:
        posts = cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, WINDOW_SECONDS)
        posts = 1
    return posts > SUBMISSIONS_PER_HOUR


def too_large(request):
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > MAX_BODY_BYTES
    except ValueError:
        return True


class SubmissionForm(forms.ModelForm):
    place = SafeModelChoiceField(
        queryset=Place.objects.order_by("name"),
        empty_label="Choose the place",
        error_messages={"invalid_choice": "Choose one of the six places."},
    )
    delivery_model = forms.ChoiceField(
        label="How is the support mainly given?",
        choices=[("", "Not sure"), *DeliveryModel.choices],
        required=False,
    )
    delivered_by = forms.ChoiceField(
        label="Who gives the support?",
        choices=[(DeliveredBy.UNKNOWN, "Not sure"), *DELIVERED_BY_KNOWN],
        initial=DeliveredBy.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
    )
    shared_experiences = SafeModelMultipleChoiceField(
        label="What do the people who come have in common? (optional)",
        queryset=SharedExperience.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    website = forms.URLField(label="Website", max_length=300, required=False, assume_scheme="https")
    fax_number = forms.CharField(
        label="Leave this empty", required=False, max_length=100
    )  # the honeypot: hidden by CSS, skipped by keyboards and screen readers

    class Meta:
        model = Submission
        fields = [
            "name",
            "organisation",
            "place",
            "description",
            "delivery_model",
            "delivered_by",
            "shared_experiences",
            "venue",
            "website",
            "contact",
        ]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        classes = {forms.Textarea: "govuk-textarea", forms.Select: "govuk-select"}
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.CheckboxSelectMultiple):
                continue
            css = next(
                (c for kind, c in classes.items() if isinstance(widget, kind)), "govuk-input"
            )
            widget.attrs.setdefault("class", css)

    def clean_delivered_by(self):
        return self.cleaned_data.get("delivered_by") or DeliveredBy.UNKNOWN

    def is_bot(self):
        return bool(self.data.get(HONEYPOT))
