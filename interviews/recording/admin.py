"""The interview team's data entry: participants, identities, consent, interviews, question
guides, shadowing visits and signposting. List columns never show a transcript or an
identity; opening a transcript or an identity here is logged too."""

from django.contrib import admin
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters

from interviews.consent_forms.new_statement_ticks import ConsentAdminForm
from interviews.erasure.admin import WithdrawalActionMixin
from interviews.models import (
    AccessEvent,
    Consent,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    ShadowingVisit,
    Signposting,
)
from interviews.personal_data.access_log import access_record
from interviews.personal_data.admin_mixins import LoggedLookupsMixin
from interviews.recording.forms import QuestionListField
from interviews.recording.services import normalise_transcript
from interviews.transcripts.services import transcript_edited
from scoping.shared.admin_widgets import SafeRelationsMixin


class AutocompleteAdmin(SafeRelationsMixin, admin.ModelAdmin):
    pass


@admin.register(Participant)
class ParticipantAdmin(WithdrawalActionMixin, AutocompleteAdmin):
    list_display = ["code", "round", "place", "sector", "role", "paid", "organisation"]
    list_filter = ["round", "place", "sector", "role", "paid"]
    search_fields = ["code"]
    autocomplete_fields = ["organisation"]
    actions = ["withdraw"]

    def has_delete_permission(self, request, obj=None):
        """Participants leave through withdrawal (or the retention purge), never a bare delete."""
        return False


@admin.register(ParticipantIdentity)
class ParticipantIdentityAdmin(LoggedLookupsMixin, AutocompleteAdmin):
    list_display = ["__str__"]
    logged_lookup_fields = ["name", "contact", "other_names"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]

    @method_decorator(sensitive_post_parameters("name", "contact", "other_names"))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        identity = self.get_object(request, object_id)
        if identity is not None and self.has_view_or_change_permission(request, identity):
            access_record(
                user=request.user, participant=identity.participant, event=AccessEvent.IDENTITY
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Consent)
class ConsentAdmin(AutocompleteAdmin):
    """Consent under interviews or shadowing cannot be unticked (``Consent.clean``) or deleted
    here: a participant who no longer consents leaves through withdrawal. A later version's
    statements of a new kind are tick boxes of their own (``new_statement_ticks``)."""

    form = ConsentAdminForm
    list_display = [
        "__str__",
        "signed_on",
        "happy_to_be_interviewed",
        "software_transcription",
        "form",
    ]
    list_filter = ["form"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]

    def has_delete_permission(self, request, obj=None):
        if obj is not None and obj.has_dependants():
            return False
        return super().has_delete_permission(request, obj)

    def get_actions(self, request):
        actions = super().get_actions(request)
        actions.pop("delete_selected", None)  # one at a time, where nothing rests on it
        return actions

    def save_model(self, request, obj, form, change):
        if not change and obj.collected_by_id is None:
            obj.collected_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Interview)
class InterviewAdmin(LoggedLookupsMixin, AutocompleteAdmin):
    list_display = ["participant", "held_on", "mode", "guide", "status"]
    logged_lookup_fields = ["transcript"]
    list_filter = [
        ("participant__round", admin.RelatedOnlyFieldListFilter),
        "status",
        "mode",
        "guide",
    ]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]
    readonly_fields = ["status", "approved_by", "approved_on"]

    @method_decorator(sensitive_post_parameters("transcript"))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("participant", "guide")

    def get_readonly_fields(self, request, obj=None):
        if obj is not None and obj.is_approved:
            return [*self.readonly_fields, "transcript"]
        return self.readonly_fields

    def change_view(self, request, object_id, form_url="", extra_context=None):
        interview = self.get_object(request, object_id)
        if interview is not None and self.has_view_or_change_permission(request, interview):
            access_record(
                user=request.user,
                participant=interview.participant,
                interview=interview,
                event=AccessEvent.TRANSCRIPT,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj.transcript = normalise_transcript(obj.transcript)
        if not change and obj.interviewer_id is None:
            obj.interviewer = request.user
        if change and "transcript" in form.changed_data:
            transcript_edited(interview=obj)
        super().save_model(request, obj, form, change)

    def view_on_site(self, obj):
        """The transcript page, where it is anonymised, checked and approved."""
        return reverse("interviews:interview", args=[obj.pk])


@admin.register(InterviewGuide)
class InterviewGuideAdmin(admin.ModelAdmin):
    list_display = ["name", "version", "role"]

    def get_readonly_fields(self, request, obj=None):
        """A version's questions are fixed once an interview used it: add a new version."""
        if obj is not None and Interview.objects.filter(guide=obj).exists():
            return ["slug", "version", "questions"]
        return []

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "questions":
            kwargs["form_class"] = QuestionListField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(ShadowingVisit)
class ShadowingVisitAdmin(AutocompleteAdmin):
    list_display = ["participant", "started_on", "days"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]
    list_select_related = ["participant"]

    def save_model(self, request, obj, form, change):
        if not change and obj.shadowed_by_id is None:
            obj.shadowed_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Signposting)
class SignpostingAdmin(admin.ModelAdmin):
    list_display = ["place"]
    list_select_related = ["place"]
