"""A signed consent form as a PDF: exactly what the participant agreed to (the statements of
the version they signed, each ticked or not, the date and who collected it), for them.
The interview team only, and logged like every view of an identity."""

from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.views.decorators.cache import never_cache

from interviews.models import AccessEvent, Participant
from interviews.personal_data.access_log import access_record
from scoping.accounts.permissions import require
from scoping.shared.chromium_pdf import PdfUnavailable, pdf_bytes


def signed_consent_html(participant):
    """The page the PDF prints: the form as signed, then the information sheet given."""
    consent = participant.consent
    collector = consent.collected_by
    return render_to_string(
        "interviews/consent_forms/signed_consent.html",
        {
            "participant": participant,
            "identity": getattr(participant, "identity", None),
            "consent": consent,
            "form": consent.form,
            "groups": consent.statement_groups(),
            "collected_by": (collector.get_full_name() or collector.get_username())
            if collector
            else "",
        },
    )


@require("interviews.view_participantidentity", "interviews.view_consent")
@never_cache  # personal data: no copy in a browser's or a proxy's cache
def consent_pdf(request, pk):
    participant = get_object_or_404(
        Participant.objects.select_related(
            "round", "organisation", "identity", "consent__form", "consent__collected_by"
        ),
        pk=pk,
    )
    if getattr(participant, "consent", None) is None:
        raise Http404("No consent form is recorded for this participant.")
    access_record(user=request.user, participant=participant, event=AccessEvent.CONSENT_PDF)
    try:
        content = pdf_bytes(signed_consent_html(participant))
    except PdfUnavailable as reason:
        return render(
            request,
            "interviews/consent_forms/pdf_unavailable.html",
            {"reason": str(reason), "participant": participant},
            status=503,
        )
    response = HttpResponse(content, content_type="application/pdf")
    name = f"consent-{participant.code}-version-{participant.consent.form.version}.pdf"
    response["Content-Disposition"] = f'attachment; filename="{name}"'
    return response
