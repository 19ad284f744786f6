"""Every URL of the project, requested by every role, gets the expected answer.

URLs are read from the URL conf, so a new URL without an expectation here
fails ``test_every_url_has_an_expectation``. HTML answers also carry the
strict Content-Security-Policy.
"""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from reports.figures import views as report_views
from scoping.accounts.roles import ANALYSTS, CHAMPIONS, COMMISSIONERS, INTERVIEW_TEAM
from scoping.shared.chromium_pdf import chromium
from scoping.tests.matrix_world import build_world

ROLES = ("anonymous", "champion", "analyst", "interviewer", "commissioner", "superuser")
LOGIN = "login"  # 302 to /accounts/login/
ADMIN_LOGIN = "admin-login"  # 302 to /admin/login/
REDIRECT = "redirect"  # 302 elsewhere
# Who has staff status (may open the admin): champions enter data there, the
# interview team records consent and interviews there; analysts and
# commissioners only read the site.
STAFF = {"champion": True, "analyst": False, "interviewer": True, "commissioner": False}
GROUPS = {
    "champion": CHAMPIONS,
    "analyst": ANALYSTS,
    "interviewer": INTERVIEW_TEAM,
    "commissioner": COMMISSIONERS,
}


def row(anonymous, champion, analyst, interviewer, commissioner, superuser):
    return dict(
        zip(
            ROLES, [anonymous, champion, analyst, interviewer, commissioner, superuser], strict=True
        )
    )


EVERYONE = row(LOGIN, 200, 200, 200, 200, 200)
# A report page's PDF: whoever may read the page. The sweep asks who may have it, so it
# stands a marker in for Chromium's printing (a launch per role and page was a tenth of the
# sweep); scoping/tests/test_browser_report_layout.py checks the PDFs themselves.
PDF = EVERYONE
INTERVIEW_ONLY = row(LOGIN, 403, 403, 200, 403, 200)
INTERVIEW_AND_ANALYSTS = row(LOGIN, 403, 200, 200, 403, 200)
# A GET to a form-post URL is refused before permissions are looked at (it reveals nothing).
POST_ONLY = row(LOGIN, 405, 405, 405, 405, 405)
# The Open Referral UK API (/api/) answers a partner's token, never a site session:
# every role, signed in or not, gets 401 without a token; with a live token anyone
# gets 200 (test_api_urls_answer_a_token_not_a_role below); with API_PUBLIC=true
# everyone gets 200 with no token. Tokens are issued and revoked by superusers only
# (admin: API partners). activities/api/tests/test_api_access.py has the details.
API = row(401, 401, 401, 401, 401, 401)

PAGES = {
    "home": EVERYONE,
    "login": row(200, 200, 200, 200, 200, 200),
    # No sign-in: load balancers' health checks and browsers' request for an icon.
    "healthz": row(200, 200, 200, 200, 200, 200),
    "favicon": row(200, 200, 200, 200, 200, 200),
    "logout": row(LOGIN, 405, 405, 405, 405, 405),  # sign-out is a POST
    # Public doors: an invitation's link (GET shows the form; it is used only by a POST)
    # and password reset by e-mail, whose confirm page says when a link no longer works.
    "invitation": row(200, 200, 200, 200, 200, 200),
    "about": row(200, 200, 200, 200, 200, 200),
    # Two-factor sign-in (locally not required): one's own status and enrolment; the code
    # page sends someone with no device to enrol; new backup codes are a POST.
    "two_factor:account": EVERYONE,
    # One's own account page; a periodic message's unsubscribe link (GET asks, POST acts).
    "account": EVERYONE,
    "unsubscribe": row(200, 200, 200, 200, 200, 200),
    "two_factor:setup": EVERYONE,
    "two_factor:verify": row(LOGIN, REDIRECT, REDIRECT, REDIRECT, REDIRECT, REDIRECT),
    "two_factor:codes_new": POST_ONLY,
    "password_reset": row(200, 200, 200, 200, 200, 200),
    "password_reset_done": row(200, 200, 200, 200, 200, 200),
    "password_reset_confirm": row(200, 200, 200, 200, 200, 200),
    "password_reset_complete": row(200, 200, 200, 200, 200, 200),
    # A job is its owner's (the matrix's is the champion's): anyone else gets a 404.
    "jobs:list": EVERYONE,
    "jobs:detail": row(LOGIN, 200, 404, 404, 404, 404),
    "jobs:file": row(LOGIN, 200, 404, 404, 404, 404),
    "jobs:cancel": POST_ONLY,
    "activities:list": EVERYONE,
    "activities:export_csv": EVERYONE,
    "activities:export_xlsx": EVERYONE,
    "activities:detail": EVERYONE,
    # Champions' review queue (needs change_activity); its one-click checks are POSTs.
    "activities:review": row(LOGIN, 200, 403, 403, 403, 200),
    "activities:review_record": POST_ONLY,
    # Why it closed, asked before a closing is recorded; undoing one is a POST.
    "activities:review_close": row(LOGIN, 200, 403, 403, 403, 200),
    "activities:review_undo": POST_ONLY,
    # Possible duplicates (needs change_activity) and a merge's confirm page (its POST merges).
    "activities:duplicates": row(LOGIN, 200, 403, 403, 403, 200),
    "activities:duplicates_merge": row(LOGIN, 200, 403, 403, 403, 200),
    # The public "share your activity" form: no sign-in (submissions are invisible until accepted).
    "activities:share": row(200, 200, 200, 200, 200, 200),
    "activities:share_thanks": row(200, 200, 200, 200, 200, 200),
    "reports:place_changes": EVERYONE,
    "reports:region": EVERYONE,
    "reports:region_xlsx": EVERYONE,
    "reports:region_pdf": PDF,
    "reports:region_csv": EVERYONE,
    "reports:place": EVERYONE,
    "reports:place_xlsx": EVERYONE,
    "reports:place_pdf": PDF,
    "reports:place_csv": EVERYONE,
    "api:info": API,
    "api:openapi": API,
    "api:services": API,
    "api:service": API,
    "api:service_at_locations": API,
    "api:service_at_location": API,
    "api:taxonomies": API,
    "api:taxonomy": API,
    "api:taxonomy_terms": API,
    "api:taxonomy_term": API,
    # The study's pages: about it for anyone signed in; the rest with the reports.
    "study:about": EVERYONE,
    "study:recommendations_csv": EVERYONE,
    "study:recommendations_xlsx": EVERYONE,
    "study:literature": EVERYONE,
    "study:findings": EVERYONE,
    # Quotes approved for publication: every report reader; approving them: the interview team.
    "study:quotes": EVERYONE,
    "study:quotes_approval": INTERVIEW_ONLY,
    "study:quotes_approval_old_path": row(LOGIN, 301, 301, 301, 301, 301),  # to quotes_approval
    "study:quote_publish": POST_ONLY,
    "study:quote_unpublish": POST_ONLY,
    # Transcripts, identities and coding: the interview team only.
    "interviews:list": INTERVIEW_ONLY,
    "interviews:interview": INTERVIEW_ONLY,
    "interviews:flags": INTERVIEW_ONLY,
    "interviews:excerpt_edit": INTERVIEW_ONLY,
    "interviews:excerpt_delete": INTERVIEW_ONLY,  # a GET asks first; only a POST deletes
    "interviews:transcript_anonymise": POST_ONLY,
    "interviews:transcript_read_through": POST_ONLY,
    "interviews:transcript_read_through_old_path": POST_ONLY,  # a POST: 308 to read_through
    "interviews:transcript_approve": POST_ONLY,
    "interviews:transcript_file": POST_ONLY,  # the upload on the transcript page
    # Two coders: named, each finishing, settling (POSTs); the comparison (a page).
    "interviews:double_coding_start": POST_ONLY,
    "interviews:double_coding_finished": POST_ONLY,
    "interviews:agreement": INTERVIEW_ONLY,
    "interviews:agreement_settle": POST_ONLY,
    "interviews:participants": INTERVIEW_ONLY,
    "interviews:participant": INTERVIEW_ONLY,
    "interviews:flow_participant": INTERVIEW_ONLY,
    "interviews:flow_identity": INTERVIEW_ONLY,
    "interviews:flow_consent": INTERVIEW_ONLY,
    "interviews:flow_interview": INTERVIEW_ONLY,
    "interviews:identity": INTERVIEW_ONLY,
    "interviews:subject_access": INTERVIEW_ONLY,
    # The signed consent form as a PDF: made by Chromium where it is installed (see PDF).
    "interviews:consent_pdf": INTERVIEW_ONLY if chromium() else row(LOGIN, 403, 403, 503, 403, 503),
    "interviews:theme_merge": INTERVIEW_ONLY,
    "interviews:codebook_import": POST_ONLY,
    # REFI-QDA: the page and the .qdpx (it holds transcripts); a codebook read in is a POST.
    "interviews:exchange": INTERVIEW_ONLY,
    "interviews:exchange_export": INTERVIEW_ONLY,
    "interviews:exchange_codebook_import": POST_ONLY,
    # Coded (anonymised) quotes and theme counts: analysts too.
    "interviews:codebook": INTERVIEW_AND_ANALYSTS,
    "interviews:theme": INTERVIEW_AND_ANALYSTS,
    "interviews:codebook_export": INTERVIEW_AND_ANALYSTS,
    "interviews:excerpts_export": INTERVIEW_AND_ANALYSTS,
    "interviews:matrix": INTERVIEW_AND_ANALYSTS,
    "interviews:matrix_export": INTERVIEW_AND_ANALYSTS,
    # Analysts' counts of 1 or 2 participants are not shown, as in the CSV for everyone.
    "interviews:co_occurrence": INTERVIEW_AND_ANALYSTS,
    "interviews:co_occurrence_export": INTERVIEW_AND_ANALYSTS,
    # The admin's own pages.
    "admin:index": row(ADMIN_LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    "admin:login": row(200, REDIRECT, 200, REDIRECT, 200, REDIRECT),
    "admin:logout": row(ADMIN_LOGIN, 405, REDIRECT, 405, REDIRECT, 405),  # a POST for staff
    "admin:password_change": row(ADMIN_LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    "admin:password_change_done": row(ADMIN_LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    "admin:jsi18n": row(ADMIN_LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    # Without its query parameters the autocomplete refuses everyone.
    "admin:autocomplete": row(ADMIN_LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, 403),
    "admin:view_on_site": row(ADMIN_LOGIN, REDIRECT, ADMIN_LOGIN, REDIRECT, ADMIN_LOGIN, REDIRECT),
    "admin:activities_importrun_upload": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:activities_importrun_template": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:activities_importrun_preview": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:activities_importrun_confirm": row(LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405),
    # Nobody sets another's password (they reset it by e-mail); adding a user is inviting them.
    "admin:auth_user_password_change": row(LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, 403),
    "admin:auth_user_add": row(LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, REDIRECT),
    "admin:activities_importrun_export": row(LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    # Long work started from the admin as jobs (#30): a snapshot (superusers), the interview
    # figures' audit and release (the interview team), a backup (superusers). Starting is a
    # POST; a GET to those is refused before permissions are looked at.
    "admin:reports_snapshot_take": row(LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:reports_interviewrelease_run": row(LOGIN, 403, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    "admin:reports_interviewrelease_audit": row(LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405),
    "admin:reports_interviewrelease_release": row(LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405),
    "admin:scoping_databasebackup_start": row(LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405),
    # Simple tables' import (needs add and change) and export (needs view).
    "admin:activities_place_import": row(LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:activities_place_process_import": row(LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405),
    "admin:activities_place_export": row(LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    "admin:activities_organisation_import": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:activities_organisation_process_import": row(
        LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405
    ),
    "admin:activities_organisation_export": row(LOGIN, 200, ADMIN_LOGIN, 200, ADMIN_LOGIN, 200),
    "admin:activities_alias_import": row(LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:activities_alias_process_import": row(LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405),
    "admin:activities_alias_export": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    # Recommendation progress: champions import (add and change) and export; the
    # literature sources: champions export only.
    "admin:reports_actionprogress_import": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:reports_actionprogress_process_import": row(
        LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405
    ),
    "admin:reports_actionprogress_export": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:reports_literaturesource_import": row(LOGIN, 403, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    "admin:reports_literaturesource_process_import": row(
        LOGIN, 405, ADMIN_LOGIN, 405, ADMIN_LOGIN, 405
    ),
    "admin:reports_literaturesource_export": row(LOGIN, 200, ADMIN_LOGIN, 403, ADMIN_LOGIN, 200),
    # Copy a consent form version to a new one: a POST (a GET goes back to the version).
    "admin:interviews_consentformversion_copy": row(
        LOGIN, REDIRECT, ADMIN_LOGIN, REDIRECT, ADMIN_LOGIN, REDIRECT
    ),
}

# What each staff role may do with each admin model: v(iew), a(dd), c(hange), d(elete).
# Analysts and commissioners have no staff status, so the admin sends them to its login.
ADMIN_MODELS = {
    "activities.activity": {"champion": "vac", "interviewer": "v", "superuser": "vacd"},
    "activities.organisation": {"champion": "vac", "interviewer": "v", "superuser": "vacd"},
    "activities.place": {"champion": "v", "interviewer": "v", "superuser": "vacd"},
    "activities.sharedexperience": {"champion": "v", "interviewer": "v", "superuser": "vacd"},
    "activities.alias": {"champion": "v", "interviewer": "", "superuser": "vacd"},
    "activities.importrun": {"champion": "v", "interviewer": "", "superuser": "v"},
    "activities.importrowresult": {"champion": "v", "interviewer": "", "superuser": "v"},
    "auth.user": {"champion": "", "interviewer": "", "superuser": "vacd"},
    "auth.group": {"champion": "", "interviewer": "", "superuser": "vacd"},
    "axes.accessattempt": {"champion": "", "interviewer": "", "superuser": "vd"},
    "axes.accessfailurelog": {"champion": "", "interviewer": "", "superuser": "vd"},
    "axes.accesslog": {"champion": "", "interviewer": "", "superuser": "vd"},
    "reports.highlight": {"champion": "v", "interviewer": "vacd", "superuser": "vacd"},
    # Snapshots are taken by a command and submissions come from the public form: no "add".
    "reports.snapshot": {"champion": "v", "interviewer": "v", "superuser": "vcd"},
    "activities.submission": {"champion": "vc", "interviewer": "", "superuser": "vcd"},
    # API partners' tokens and their use log: superusers only; the log is read-only.
    "activities.apipartner": {"champion": "", "interviewer": "", "superuser": "vacd"},
    "activities.apiuse": {"champion": "", "interviewer": "", "superuser": "vd"},
    # Invitations: sent and revoked by those who may add users; never changed.
    "scoping.invitation": {"champion": "", "interviewer": "", "superuser": "vad"},
    # Every job, and the workers' heartbeats: superusers only, read-only.
    "scoping.job": {"champion": "", "interviewer": "", "superuser": "vd"},
    "scoping.workerheartbeat": {"champion": "", "interviewer": "", "superuser": "vd"},
    # Backups started from the admin (jobs): superusers only, read-only.
    "scoping.databasebackup": {"champion": "", "interviewer": "", "superuser": "v"},
    # The interview figures' releases: read by the interview team, made by jobs, never edited.
    "reports.interviewrelease": {"champion": "", "interviewer": "v", "superuser": "v"},
    "reports.recommendationarea": {"champion": "v", "interviewer": "", "superuser": "vacd"},
    "reports.suggestedaction": {"champion": "v", "interviewer": "", "superuser": "vacd"},
    "reports.actionprogress": {"champion": "vac", "interviewer": "", "superuser": "vacd"},
    "reports.reviewtheme": {"champion": "v", "interviewer": "", "superuser": "vacd"},
    "reports.literaturesource": {"champion": "v", "interviewer": "", "superuser": "vacd"},
}
INTERVIEW_ADMIN_MODELS = {
    "interviews.participant": {"interviewer": "vac", "superuser": "vac"},
    "interviews.participantidentity": {"interviewer": "vacd", "superuser": "vacd"},
    # The matrix's consent has an interview resting on it: nobody may delete it.
    "interviews.consent": {"interviewer": "vac", "superuser": "vac"},
    "interviews.interview": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.interviewguide": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.theme": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.staffname": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.safeword": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.shadowingvisit": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.signposting": {"interviewer": "vacd", "superuser": "vacd"},
    "interviews.accesslogentry": {"interviewer": "v", "superuser": "vd"},
    "interviews.redactionlogentry": {"interviewer": "v", "superuser": "vd"},
    "interviews.withdrawal": {"interviewer": "v", "superuser": "vd"},
    # The matrix's round has participants and its form version is signed: no delete.
    "interviews.researchround": {"interviewer": "vac", "superuser": "vac"},
    "interviews.consentformversion": {"interviewer": "vac", "superuser": "vac"},
}


def admin_expectations(label, perms_by_role, kind):
    """Expected status of one admin model URL kind for each role."""
    # The site-wide login requirement answers before the admin does.
    expected = {"anonymous": LOGIN}
    for role in ROLES[1:]:
        if role != "superuser" and not STAFF[role]:
            expected[role] = ADMIN_LOGIN
            continue
        perms = perms_by_role.get(role, "")
        if kind == "redirect":  # /admin/app/model/<id>/ -> its change page
            expected[role] = REDIRECT
            continue
        needed = {
            "changelist": "vc",
            "change": "vc",
            "history": "vc",
            "simple_history": "vc",
            "add": "a",
            "delete": "d",
        }[kind]
        expected[role] = 200 if set(needed) & set(perms) else 403
    return expected


def all_patterns(patterns=None, prefix="", namespace=""):
    """(route, url name, pattern) for every URL; unnamed admin redirects get a made-up name."""
    if patterns is None:
        patterns = get_resolver().url_patterns
    for entry in patterns:
        if isinstance(entry, URLResolver):
            inner = namespace
            if entry.namespace:
                inner = f"{namespace}:{entry.namespace}" if namespace else entry.namespace
            yield from all_patterns(entry.url_patterns, prefix + str(entry.pattern), inner)
        elif isinstance(entry, URLPattern):
            name = entry.name
            route = prefix + str(entry.pattern)
            if name is None and route.endswith("<path:object_id>/"):
                app, model = route.split("/")[1:3]
                name = f"{app}_{model}_redirect"
            full = f"{namespace}:{name}" if namespace and name else name
            yield route, full


def expectation_for(name):
    if name in PAGES:
        return PAGES[name]
    if name and name.startswith("admin:"):
        for label, perms in {**ADMIN_MODELS, **INTERVIEW_ADMIN_MODELS}.items():
            app, model = label.split(".")
            for kind in (
                "changelist",
                "add",
                "change",
                "history",
                "simple_history",
                "delete",
                "redirect",
            ):
                if name == f"admin:{app}_{model}_{kind}":
                    return admin_expectations(label, perms, kind)
    return None


# The admin's catch-all and per-app index are covered by their own test below.
IGNORED = {"admin:app_list", None}


def test_every_url_has_an_expectation():
    missing = [
        (route, name)
        for route, name in all_patterns()
        if name not in IGNORED and expectation_for(name) is None
    ]
    assert missing == []


def test_every_admin_model_has_an_expectation():
    registered = {model._meta.label_lower for model in admin.site._registry}
    assert registered == set(ADMIN_MODELS) | set(INTERVIEW_ADMIN_MODELS)


NAMES = sorted(
    {name for _, name in all_patterns() if name not in IGNORED and expectation_for(name)}
)


@pytest.fixture
def world(db, champion, analyst, interviewer, commissioner, superuser):
    """The root conftest's cast, one user per role, and one of every object."""
    users = {
        "champion": champion,
        "analyst": analyst,
        "interviewer": interviewer,
        "commissioner": commissioner,
        "superuser": superuser,
    }
    # The expectations above are written for exactly this cast.
    assert {role: users[role].is_staff for role in STAFF} == STAFF
    assert {role: users[role].groups.get().name for role in GROUPS} == GROUPS
    assert superuser.is_superuser
    objects = build_world(users)
    return users, objects


def url_for(name, objects):
    """The URL for a name, filling its arguments from the world's objects."""
    if name == "admin:auth_user_password_change":
        return reverse(name, args=[objects["admin"]["auth.user"].pk])
    if name.endswith("_simple_history"):
        app, model = name[len("admin:") : -len("_simple_history")].split("_", 1)
        obj = objects["admin"][f"{app}.{model}"]
        return reverse(name, args=[obj.pk, obj.history.first().history_id])
    model_url = name.startswith("admin:") and name not in PAGES
    if model_url and name.endswith(("_change", "_history", "_delete", "_redirect")):
        app, model = name[len("admin:") :].rsplit("_", 1)[0].split("_", 1)
        pk = objects["admin"][f"{app}.{model}"].pk
        if name.endswith("_redirect"):
            return f"/admin/{app}/{model}/{pk}/"
        return reverse(name, args=[pk])
    kwargs = objects["kwargs"].get(name, {})
    return reverse(name, kwargs=kwargs)


def answer(response):
    """What a response amounts to, in the table's terms."""
    if response.status_code == 302:
        location = response["Location"]
        if location.startswith("/accounts/login/"):
            return LOGIN
        if location.startswith("/admin/login/"):
            return ADMIN_LOGIN
        return REDIRECT
    return response.status_code


@pytest.mark.ci_sqlite_only  # the PostgreSQL pass is the longer one (2026-12-08)
@pytest.mark.slow  # every URL for every role: a whole-site sweep
def test_each_role_gets_what_it_should(world, figure_cache, monkeypatch):
    """One world, every URL, every role: all mismatches are listed together.

    Each role keeps one signed-in client for the whole sweep (signing in again for each
    of some 1,600 requests was a quarter of the test's time); every URL here is a GET,
    and none of them signs anyone out or changes data, so the figures are counted once
    and kept in the figures cache, as in production."""
    monkeypatch.setattr(report_views, "pdf_bytes", lambda html: b"%PDF-1.4 the sweep's marker")
    users, objects = world
    clients = {role: Client() for role in ROLES}
    for role, user in users.items():
        clients[role].force_login(user)
    mismatches = []
    for name in NAMES:
        url = url_for(name, objects)
        expected = expectation_for(name)
        for role in ROLES:
            response = clients[role].get(url)
            got = answer(response)
            if got != expected[role]:
                mismatches.append(f"{url} as {role}: expected {expected[role]}, got {got}")
            if response.get("Content-Type", "").startswith("text/html"):
                policy = response["Content-Security-Policy"]
                if "script-src 'self'" not in policy or "unsafe-inline" in policy:
                    mismatches.append(f"{url} as {role}: weak Content-Security-Policy")
    assert mismatches == []
    assert len(NAMES) > 150  # the URL conf was really walked


def test_admin_app_indexes_show_only_permitted_apps(client, world):
    users, _ = world
    client.force_login(users["champion"])
    assert client.get("/admin/activities/").status_code == 200
    assert client.get("/admin/auth/").status_code == 404
    client.force_login(users["superuser"])
    for app in ("activities", "auth", "axes", "reports"):
        assert client.get(f"/admin/{app}/").status_code == 200


def test_a_role_less_user_can_open_nothing_but_home(client, world, nobody):
    _, objects = world
    client.force_login(nobody)
    assert client.get("/").status_code == 200
    for name in ("activities:list", "reports:region", "interviews:list", "interviews:codebook"):
        assert client.get(url_for(name, objects)).status_code == 403, name


def test_api_urls_answer_a_token_not_a_role(client, world):
    """With a partner's live token every API URL answers 200, whoever is signed in."""
    from activities.api.models import ApiPartner

    users, objects = world
    partner = ApiPartner(name="Matrix partner")
    token = partner.issue_token()
    partner.save()
    api_names = [name for name in NAMES if name.startswith("api:")]
    assert len(api_names) == 10
    for role in ROLES:
        client.logout()
        if role != "anonymous":
            client.force_login(users[role])
        for name in api_names:
            url = url_for(name, objects)
            response = client.get(url, HTTP_AUTHORIZATION=f"Bearer {token}")
            assert response.status_code == 200, f"{url} as {role}"
