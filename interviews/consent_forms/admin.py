"""The consent form's versions in the admin: edited while unsigned, read-only once a consent
records them, with "Copy to a new version" to revise a used one."""

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.html import format_html, format_html_join

from interviews.consent_forms.models import FORM_FIELDS, ConsentFormVersion
from interviews.consent_forms.services import consent_form_copy
from interviews.consent_forms.statement_keys import EXAMPLE, GATES, KEY_MAX_LENGTH
from interviews.consent_forms.statements_text import StatementsField
from interviews.recording.choices import CONSENT_ANSWERS

SHOWN = "statements_shown"  # a signed version's statements, read-only


def statements_help():
    """The statements field's help: how to write them, the twelve names the app knows (and
    what the ones it acts on allow), and how to add a statement of a new kind."""
    gates = {}
    for key, allows in GATES.items():
        gates.setdefault(allows, []).append(key)
    return format_html(
        "<p>A line starting ## is a heading; under it, one statement a line: its name, a colon, "
        "then its words, e.g. “wants_to_take_part: I want to take part in the scoping "
        "project”.</p>"
        "<p><strong>The study's twelve names</strong> keep their meaning to the app: {}. "
        "Use one only for a statement that means the same. The app acts on these:</p>"
        "<ul>{}</ul>"
        "<p>The others are recorded and shown.</p>"
        "<p><strong>A statement of a new kind</strong> gets a new name: a short lowercase name "
        "of letters, digits and underscores, starting with a letter, at most {} characters, "
        "once in the version, and not one the consent already uses for something else (such "
        "as software_transcription or signed_on); e.g. “{}: I agree to my interview being "
        "video recorded”. Its answer is recorded and shown on the consent page, its PDF and "
        "the subject access file; it <strong>gates nothing</strong>: no interview, visit or "
        "quote waits for it.</p>",
        ", ".join(CONSENT_ANSWERS),
        format_html_join(
            "",
            "<li>{} ticked: {}</li>",
            ((" and ".join(keys), allows) for allows, keys in gates.items()),
        ),
        KEY_MAX_LENGTH,
        EXAMPLE,
    )


class ConsentFormVersionForm(forms.ModelForm):
    statements = StatementsField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["statements"].help_text = statements_help()

    class Meta:
        model = ConsentFormVersion
        fields = list(FORM_FIELDS)


@admin.register(ConsentFormVersion)
class ConsentFormVersionAdmin(admin.ModelAdmin):
    form = ConsentFormVersionForm
    list_display = ["__str__", "withdraw_until", "kept_until", "consent_count"]
    change_form_template = "admin/interviews/consentformversion/change_form.html"

    class Media:
        css = {"all": ["css/admin.css"]}  # the statements' help at a readable size

    def get_queryset(self, request):
        return super().get_queryset(request).with_use()

    @admin.display(description="consents signed", ordering="consent_count")
    def consent_count(self, form):
        return form.consent_count

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_used():
            return [SHOWN if f == "statements" else f for f in FORM_FIELDS]
        return []

    def get_fields(self, request, obj=None):
        if obj is not None and obj.is_used():
            return self.get_readonly_fields(request, obj)
        return list(FORM_FIELDS)

    @admin.display(description="statements")
    def statements_shown(self, form):
        """A signed version's statements as the participant read them, under their headings."""
        return format_html_join(
            "",
            "<p><strong>{}:</strong></p><ul>{}</ul>",
            (
                (
                    group["heading"],
                    format_html_join(
                        "", "<li>{}</li>", ((s["text"],) for s in group["statements"])
                    ),
                )
                for group in form.statements
            ),
        )

    def has_delete_permission(self, request, obj=None):
        if obj is not None and (obj.is_used() or obj.rounds.exists()):
            return False
        return super().has_delete_permission(request, obj)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        obj = self.get_object(request, object_id)
        extra_context = {**(extra_context or {}), "frozen": obj is not None and obj.is_used()}
        return super().change_view(request, object_id, form_url, extra_context)

    def get_urls(self):
        copy = self.admin_site.admin_view(self.copy_view)
        return [
            path("<int:pk>/copy/", copy, name="interviews_consentformversion_copy"),
            *super().get_urls(),
        ]

    def copy_view(self, request, pk):
        """POST: a new version copied from this one, opened for editing."""
        if request.method != "POST":
            return redirect("admin:interviews_consentformversion_change", pk)
        if not self.has_add_permission(request):
            raise PermissionDenied
        copy = consent_form_copy(form=get_object_or_404(ConsentFormVersion, pk=pk))
        messages.success(request, f"Version {copy.version} made: change it, then save.")
        return redirect(reverse("admin:interviews_consentformversion_change", args=[copy.pk]))
