"""The public "share your activity" form, and the limits that keep it from being abused.

Anyone may send one without signing in; what they send goes only into
``Submission`` (see ``submissions``). Abuse is met by: a honeypot field that
people never see (a filled one is thanked and dropped), a limit of
``SUBMISSIONS_PER_HOUR`` posts from one address (``scoping.accounts.client_address``,
kept in the cache under a hash, never stored), length limits on every field and
on the whole request, and plain text only (everything is escaped when shown).
The sender's e-mail address is optional and only used to tell them the outcome
(``activities/submissions/messages.py``).
"""

import hashlib

from django import forms
from django.conf import settings
from django.core.cache import cache

from activities.models import Organisation, Place, SharedExperience
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


def _too_long(what, limit):
    return f"{what} must be {limit:,} characters or fewer."


def organisation_names():
    """The organisations' names for the form's suggestions, only where the directory's data
    are public (``API_PUBLIC``): otherwise a signed-out visitor would read the directory's
    list of providers here. One query."""
    if not settings.API_PUBLIC:
        return []
    return list(Organisation.objects.order_by("name").values_list("name", flat=True))


class SubmissionForm(forms.ModelForm):
    """Every field's message says what to do about it (GOV.UK style), never "This field is
    required."; labels carry no "(optional)": the template adds it once."""

    name = forms.CharField(
        label="Name of the activity",
        max_length=200,
        error_messages={
            "required": "Enter the name of the activity.",
            "max_length": _too_long("The name", 200),
        },
    )
    organisation = forms.CharField(
        label="Organisation that runs it",
        help_text="Leave empty for an informal group.",
        max_length=200,
        required=False,
        error_messages={"max_length": _too_long("The organisation's name", 200)},
    )
    place = SafeModelChoiceField(
        label="Place where it happens",
        queryset=Place.objects.order_by("name"),
        empty_label="Choose the place",
        error_messages={
            "required": "Choose the place where the activity happens.",
            "invalid_choice": "Choose one of the six places.",
        },
    )
    description = forms.CharField(
        label="What happens",
        help_text="Who it is for, when it meets and what people do. Plain text; only "
        "champions read it.",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": "Say what happens at the activity.",
            "max_length": _too_long("The description", 2000),
        },
    )
    delivery_model = forms.ChoiceField(
        label="How is the support mainly given?",
        choices=[("", "Not sure"), *DeliveryModel.choices],
        required=False,
        error_messages={"invalid_choice": "Choose one of the ways listed, or “Not sure”."},
    )
    delivered_by = forms.ChoiceField(
        label="Who gives the support?",
        choices=[(DeliveredBy.UNKNOWN, "Not sure"), *DELIVERED_BY_KNOWN],
        initial=DeliveredBy.UNKNOWN,
        required=False,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": "Choose one of the answers listed, or “Not sure”."},
    )
    shared_experiences = SafeModelMultipleChoiceField(
        label="What do the people who come have in common?",
        help_text="Tick all that apply.",
        queryset=SharedExperience.objects.order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        error_messages={"invalid_choice": "Tick only the experiences listed."},
    )
    venue = forms.CharField(
        label="Venue or area",
        max_length=200,
        required=False,
        error_messages={"max_length": _too_long("The venue", 200)},
    )
    website = forms.URLField(
        label="Website",
        max_length=300,
        required=False,
        assume_scheme="https",
        error_messages={
            "invalid": "Enter a web address, like example.org/our-group.",
            "max_length": _too_long("The web address", 300),
        },
    )
    contact = forms.CharField(
        label="Public contact",
        help_text="An office phone or e-mail people may use; not a person's own.",
        max_length=300,
        required=False,
        error_messages={"max_length": _too_long("The contact details", 300)},
    )
    sender_email = forms.EmailField(
        label="Your e-mail address",
        help_text="Only to tell you what happens to this: we e-mail you that we have it, and "
        "once more when a champion has decided whether to add it, with their reason. We "
        "delete your address once we have told you, and never show it to anyone.",
        max_length=254,
        required=False,
        error_messages={
            "invalid": "Enter an e-mail address like name@example.org, or leave it empty.",
            "max_length": _too_long("The e-mail address", 254),
        },
    )
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

    def save(self, commit=True):
        # Not a model form field: the model keeps it out of every admin form.
        self.instance.sender_email = self.cleaned_data.get("sender_email", "")
        return super().save(commit=commit)

    def clean_delivered_by(self):
        return self.cleaned_data.get("delivered_by") or DeliveredBy.UNKNOWN

    def is_bot(self):
        return bool(self.data.get(HONEYPOT))
