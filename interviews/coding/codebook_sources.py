"""The study's comparison of what the national literature review and the WY&H
interviews found, read from each theme's source (no query: from loaded rows)."""

from interviews.models import ThemeSource


def source_comparison(themes):
    """Per parent theme whose children come from both sources: the children's names
    found nationally only, in both, and in WY&H only. ``themes`` have ``parent`` loaded."""
    children = {}
    for theme in themes:
        if theme.parent_id is not None:
            children.setdefault(theme.parent_id, []).append(theme)
    rows = []
    for theme in themes:
        kids = children.get(theme.pk, [])
        sources = {kid.source for kid in kids}
        if theme.parent_id is None and len(sources) > 1:
            rows.append(
                {
                    "parent": theme,
                    **{
                        key: [kid.name for kid in kids if kid.source == source]
                        for key, source in [
                            ("national", ThemeSource.LITERATURE),
                            ("both", ThemeSource.BOTH),
                            ("local", ThemeSource.INTERVIEWS),
                        ]
                    },
                }
            )
    return rows
