"""The interview figures' releases in the admin, for the interview team and superusers:
each release read-only, and "Audit or release the figures", where the disclosure audit
and a release are started as jobs (``reports/interview_figures/jobs.py``) that land on
their progress. Nobody adds, changes or deletes a release here."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.views.decorators.http import require_POST

from interviews.rounds.models import ResearchRound
from reports.interview_figures import jobs
from reports.interview_figures.models import InterviewRelease
from scoping.jobs.views import job_start_once


class RoundForm(forms.Form):
    """Which research round's figures: each round's are audited and released on their own."""

    research_round = forms.ModelChoiceField(
        queryset=ResearchRound.objects.order_by("-starts_on", "-pk"),
        required=False,
        empty_label=None,
        label="Research round",
        error_messages={"invalid_choice": "Choose one of the research rounds listed."},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["research_round"].initial = ResearchRound.objects.current()

    def chosen_round(self):
        """The round chosen, or the current round when none was sent."""
        return self.cleaned_data.get("research_round") or ResearchRound.objects.current()


class ReleaseForm(RoundForm):
    note = forms.CharField(
        max_length=300,
        required=False,
        help_text="What this release is for, e.g. “After the autumn interviews”.",
        error_messages={"max_length": "The note must be 300 characters or fewer."},
    )


@admin.register(InterviewRelease)
class InterviewReleaseAdmin(admin.ModelAdmin):
    list_display = ["released_on", "round", "note", "figures_shown"]
    list_filter = ["round"]
    fields = ["released_on", "round", "note", "figures_shown"]
    readonly_fields = fields
    change_list_template = "admin/reports/interviewrelease/change_list.html"

    @admin.display(description="Figures shown")
    def figures_shown(self, release):
        figures = release.figures.get("figures", [])
        shown = sum(1 for _key, value in figures if value is not None)
        return f"{shown:,} of {len(figures):,} (the rest hidden to protect small numbers)"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path("run/", wrap(self.run_view), name="reports_interviewrelease_run"),
            path("audit/", wrap(self.audit_view), name="reports_interviewrelease_audit"),
            path("release/", wrap(self.release_view), name="reports_interviewrelease_release"),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        can_run = request.user.has_perm(jobs.PERMISSION)
        return super().changelist_view(request, {**(extra_context or {}), "can_run": can_run})

    def _check(self, request):
        if not request.user.has_perm(jobs.PERMISSION):
            raise PermissionDenied

    def _page(self, request, form, status=200, audit_form=None):
        latest = {  # each round's latest release
            release.round_id: release
            for release in InterviewRelease.objects.select_related("round").order_by("released_on")
        }
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "title": "Audit or release the interview figures",
            "form": form,
            "audit_form": audit_form or RoundForm(prefix="audit"),
            "latest": sorted(latest.values(), key=lambda r: r.released_on, reverse=True),
        }
        return TemplateResponse(
            request, "admin/reports/interviewrelease/run.html", context, status=status
        )

    def run_view(self, request):
        self._check(request)
        return self._page(request, ReleaseForm())

    @staticmethod
    def _run_page():
        return reverse("admin:reports_interviewrelease_run")

    def audit_view(self, request):
        return require_POST(self._audit)(request)

    def _audit(self, request):
        self._check(request)
        form = RoundForm(request.POST, prefix="audit")
        if not form.is_valid():
            return self._page(request, ReleaseForm(), status=400, audit_form=form)
        return job_start_once(
            request,
            kind=jobs.AUDIT,
            start=lambda: jobs.audit_start(user=request.user, research_round=form.chosen_round()),
            fallback=self._run_page(),
        )

    def release_view(self, request):
        return require_POST(self._release)(request)

    def _release(self, request):
        self._check(request)
        form = ReleaseForm(request.POST)
        if not form.is_valid():
            return self._page(request, form, status=400)
        return job_start_once(
            request,
            kind=jobs.RELEASE,
            start=lambda: jobs.release_start(
                user=request.user,
                research_round=form.chosen_round(),
                note=form.cleaned_data["note"],
            ),
            fallback=self._run_page(),
        )
