from django.shortcuts import render

from .roles import ROLE_DESCRIPTIONS, roles_of


def home(request):
    """What the signed-in user's role lets them do, as links."""
    user = request.user
    roles = roles_of(user)
    return render(
        request,
        "home.html",
        {
            "roles": [(role, ROLE_DESCRIPTIONS.get(role, "Everything.")) for role in roles],
            "can_enter_activities": user.has_perm("activities.add_activity"),
            "can_view_activities": user.has_perm("activities.view_activity"),
            "uses_admin": user.is_staff,
        },
    )
