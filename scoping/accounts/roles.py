"""The four roles (Django groups) and what each one's home page offers."""

CHAMPIONS = "Champions"
ANALYSTS = "Analysts"
INTERVIEW_TEAM = "Interview team"
COMMISSIONERS = "Commissioners"
ROLES = [CHAMPIONS, ANALYSTS, INTERVIEW_TEAM, COMMISSIONERS]
# The roles that work in the admin (data entry; consent and interviews): staff status.
STAFF_ROLES = {CHAMPIONS, INTERVIEW_TEAM}

ROLE_DESCRIPTIONS = {
    CHAMPIONS: "Enter and update scoped activities and organisations.",
    ANALYSTS: "Filter, search and export the directory; read themes and coded quotes.",
    INTERVIEW_TEAM: "Record consent and interviews; code anonymised transcripts.",
    COMMISSIONERS: "Read regional and place summaries and export their tables.",
}


def roles_of(user):
    """The user's role names, in the order above (superusers are 'Administrator')."""
    names = set(user.groups.values_list("name", flat=True))
    roles = [role for role in ROLES if role in names]
    if user.is_superuser:
        roles.insert(0, "Administrator")
    return roles
