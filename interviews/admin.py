"""The interview team's data entry. List columns never show a transcript, a quote
or an identity; opening a transcript or an identity here is logged too."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from simple_history.admin import SimpleHistoryAdmin

from interviews.erasure.withdrawal import withdraw_participant
from interviews.forms import QuestionListField
from interviews.models import (
    AccessEvent,
    AccessLogEntry,
    Consent,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    RedactionLogEntry,
    SafeWord,
    ShadowingVisit,
    Signposting,
    StaffName,
    Theme,
    Withdrawal,
)
from interviews.personal_data.access_log import access_record, access_search_record
from interviews.recording.services import normalise_transcript
from interviews.transcripts.services import transcript_edited
from scoping.shared.admin_widgets import SafeRelationsMixin


class AutocompleteAdmin(SafeRelationsMixin, admin.ModelAdmin):
    pass


class LoggedLookupsMixin:
    """A list filtered in the URL on a personal field (``?name__icontains=``) is logged.

    Such a lookup finds people by what they said or who they are, so every
    participant it shows gets an access-log entry, as opening their record would.
    """

    logged_lookup_fields = ()

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        if not self._logged_lookup(request):
            return response
        changelist = (getattr(response, "context_data", None) or {}).get("cl")
        if changelist is not None:
            access_search_record(
                user=request.user, rows=list(changelist.result_list), event=AccessEvent.SEARCH
            )
        return response

    def _logged_lookup(self, request):
        return any(key.split("__", 1)[0] in self.logged_lookup_fields for key in request.GET)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Participant)
class ParticipantAdmin(AutocompleteAdmin):
    list_display = ["code", "place", "sector", "role", "paid", "organisation"]
    list_filter = ["place", "sector", "role", "paid"]
    search_fields = ["code"]
    autocomplete_fields = ["organisation"]
    actions = ["withdraw"]

    def has_delete_permission(self, request, obj=None):
        """Participants leave through withdrawal (or the retention purge), never a bare delete."""
        return False

    @admin.action(description="Withdraw the selected participants (deletes their data)")
    def withdraw(self, request, queryset):
        """Asks first, naming who will be erased; withdraws on the confirming POST."""
        if request.POST.get("confirm") != "yes":
            return self.withdraw_confirmation(request, queryset)
        for participant in list(queryset):
            try:
                withdraw_participant(participant=participant, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{participant.code} withdrawn: their data is deleted.",
                    messages.SUCCESS,
                )

    def withdraw_confirmation(self, request, queryset):
        participants = list(queryset.select_related("identity", "place"))
        show_names = request.user.has_perm("interviews.view_participantidentity")
        rows = []
        for participant in participants:
            identity = getattr(participant, "identity", None)
            name = identity.name if show_names and identity else ""
            if name:
                access_record(
                    user=request.user, participant=participant, event=AccessEvent.IDENTITY
                )
            rows.append({"participant": participant, "name": name})
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": "Withdraw these participants?",
            "rows": rows,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(
            request, "admin/interviews/participant/withdraw_confirmation.html", context
        )

    def has_withdraw_permission(self, request):
        return request.user.has_perm("interviews.delete_participant")

    withdraw.allowed_permissions = ["withdraw"]


@admin.register(ParticipantIdentity)
class ParticipantIdentityAdmin(LoggedLookupsMixin, AutocompleteAdmin):
    list_display = ["__str__"]
    logged_lookup_fields = ["name", "contact"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]

    @method_decorator(sensitive_post_parameters("name", "contact"))
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
    here: a participant who no longer consents leaves through withdrawal."""

    list_display = [
        "__str__",
        "signed_on",
        "happy_to_be_interviewed",
        "software_transcription",
        "form_version",
    ]
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
    list_filter = ["status", "mode", "guide"]
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


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    """The codebook keeps a history (who changed a theme's name, parent or description)."""

    list_display = ["name", "parent", "source"]
    list_filter = ["source"]
    search_fields = ["name"]
    list_select_related = ["parent"]


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


@admin.register(StaffName)
class StaffNameAdmin(admin.ModelAdmin):
    list_display = ["pk"]
    search_fields = ["name"]


@admin.register(SafeWord)
class SafeWordAdmin(admin.ModelAdmin):
    """Words the anonymiser need not flag for review; the team adds to them."""

    list_display = ["word", "note"]
    search_fields = ["word"]


@admin.register(AccessLogEntry)
class AccessLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "event", "participant", "interview_id"]
    list_filter = ["event"]
    list_select_related = ["user", "participant"]


@admin.register(RedactionLogEntry)
class RedactionLogEntryAdmin(LoggedLookupsMixin, ReadOnlyAdmin):
    """Its change page shows the text the anonymiser replaced: opening it is logged."""

    list_display = ["interview", "kind", "replacement", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["interview__participant", "by"]
    logged_lookup_fields = ["original"]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        entry = self.get_object(request, object_id)
        if entry is not None and self.has_view_or_change_permission(request, entry):
            access_record(
                user=request.user,
                participant=entry.interview.participant,
                interview=entry.interview,
                event=AccessEvent.REDACTIONS,
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["code", "withdrawn_on", "withdrawn_by"]
