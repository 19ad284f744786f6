"""The interview team's data entry. List columns never show a transcript, a quote
or an identity; opening a transcript or an identity here is logged too."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.decorators import method_decorator
from django.views.decorators.debug import sensitive_post_parameters
from simple_history.admin import SimpleHistoryAdmin

from scoping.admin_widgets import SafeRelationsMixin

from . import services
from .forms import QuestionListField
from .models import (
    AccessEvent,
    AccessLogEntry,
    Consent,
    Interview,
    InterviewGuide,
    Participant,
    ParticipantIdentity,
    RedactionLogEntry,
    SafeWord,
    StaffName,
    Theme,
    Withdrawal,
)


class AutocompleteAdmin(SafeRelationsMixin, admin.ModelAdmin):
    pass


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
        for participant in list(queryset):
            try:
                services.withdraw_participant(participant=participant, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(
                    request,
                    f"{participant.code} withdrawn: their data is deleted.",
                    messages.SUCCESS,
                )

    def has_withdraw_permission(self, request):
        return request.user.has_perm("interviews.delete_participant")

    withdraw.allowed_permissions = ["withdraw"]


@admin.register(ParticipantIdentity)
class ParticipantIdentityAdmin(AutocompleteAdmin):
    list_display = ["__str__"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]

    @method_decorator(sensitive_post_parameters("name", "contact"))
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        return super().changeform_view(request, object_id, form_url, extra_context)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        identity = self.get_object(request, object_id)
        if identity is not None and self.has_view_or_change_permission(request, identity):
            services.access_record(
                user=request.user, participant=identity.participant, event=AccessEvent.IDENTITY
            )
        return super().change_view(request, object_id, form_url, extra_context)


@admin.register(Consent)
class ConsentAdmin(AutocompleteAdmin):
    list_display = ["__str__", "signed_on", "happy_to_be_interviewed", "form_version"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]

    def save_model(self, request, obj, form, change):
        if not change and obj.collected_by_id is None:
            obj.collected_by = request.user
        super().save_model(request, obj, form, change)


@admin.register(Interview)
class InterviewAdmin(AutocompleteAdmin):
    list_display = ["participant", "held_on", "mode", "guide", "status"]
    list_filter = ["status", "mode", "guide"]
    search_fields = ["participant__code"]
    autocomplete_fields = ["participant"]
    readonly_fields = ["status", "approved_by", "approved_on"]
    actions = ["anonymise", "mark_checked", "approve"]

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
            services.access_record(
                user=request.user,
                participant=interview.participant,
                interview=interview,
                event=AccessEvent.TRANSCRIPT,
            )
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        obj.transcript = services.normalise_transcript(obj.transcript)
        if not change and obj.interviewer_id is None:
            obj.interviewer = request.user
        if change and "transcript" in form.changed_data:
            services.transcript_edited(interview=obj)
        super().save_model(request, obj, form, change)

    def _each(self, request, queryset, action, done):
        for interview in queryset.select_related("participant__identity"):
            try:
                action(interview=interview, by=request.user)
            except ValidationError as error:
                self.message_user(request, " ".join(error.messages), messages.ERROR)
            else:
                self.message_user(request, f"{interview}: {done}.", messages.SUCCESS)

    @admin.action(description="Run the anonymiser on the selected transcripts")
    def anonymise(self, request, queryset):
        self._each(request, queryset, services.transcript_anonymise, "anonymised")

    @admin.action(description="Mark the selected transcripts as checked")
    def mark_checked(self, request, queryset):
        self._each(request, queryset, services.interview_mark_checked, "checked")

    @admin.action(description="Approve the selected transcripts")
    def approve(self, request, queryset):
        self._each(request, queryset, services.interview_approve, "approved")

    def has_approve_permission(self, request):
        return request.user.has_perm("interviews.change_interview")

    has_anonymise_permission = has_mark_checked_permission = has_approve_permission
    anonymise.allowed_permissions = mark_checked.allowed_permissions = ["approve"]
    approve.allowed_permissions = ["approve"]


@admin.register(InterviewGuide)
class InterviewGuideAdmin(admin.ModelAdmin):
    list_display = ["name", "role"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "questions":
            kwargs["form_class"] = QuestionListField
        return super().formfield_for_dbfield(db_field, request, **kwargs)


@admin.register(Theme)
class ThemeAdmin(SimpleHistoryAdmin):
    """The codebook keeps a history (who changed a theme's name, parent or description)."""

    list_display = ["name", "parent"]
    search_fields = ["name"]
    list_select_related = ["parent"]


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
class RedactionLogEntryAdmin(ReadOnlyAdmin):
    list_display = ["interview", "kind", "replacement", "at", "by"]
    list_filter = ["kind"]
    list_select_related = ["interview__participant", "by"]


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["code", "withdrawn_on", "withdrawn_by"]
