"""Map a raw spreadsheet cell onto a canonical vocabulary value.

The rules (master-sheet.md): case, whitespace, ``&``/``and`` and punctuation
do not matter; canonical names, their slugs and the aliases stored in the
``Alias`` table all match. Load a ``VocabularyMatcher`` once per import (three
queries) and call ``match`` per cell; ``canonical_value`` is the one-off form.
"""

from dataclasses import dataclass

from activities.models import Alias, canonical_labels
from activities.vocabulary.spelling import value_key
from activities.vocabulary.terms import (
    Access,
    DeliveredBy,
    FundingType,
    HowFound,
    Status,
    Vocabulary,
)

# What an empty cell (or one of only punctuation, such as "?") means, where
# the sheet allows it to be empty.
BLANK_MEANS = {
    Vocabulary.FUNDING_TYPE: FundingType.UNKNOWN.value,
    Vocabulary.STATUS: Status.UNKNOWN.value,
    Vocabulary.ACCESS: Access.UNKNOWN.value,
    Vocabulary.HOW_FOUND: HowFound.UNKNOWN.value,
    Vocabulary.DELIVERED_BY: DeliveredBy.UNKNOWN.value,
}


@dataclass
class UnknownValue(ValueError):
    vocabulary: str
    value: str
    accepted: list

    def __str__(self):
        label = Vocabulary(self.vocabulary).label
        if not self.value:
            return f"a {label.lower()} is required (accepted: {', '.join(self.accepted)})"
        return (
            f"“{self.value}” is not a known {label.lower()} (accepted: {', '.join(self.accepted)})"
        )


class VocabularyMatcher:
    """Every vocabulary's spelling keys, loaded from the database once."""

    def __init__(self):
        self.keys = {}  # vocabulary -> {spelling key: canonical value}
        self.labels = {}  # vocabulary -> {canonical value: label}
        for vocabulary in Vocabulary:
            self.labels[vocabulary] = canonical_labels(vocabulary)
        for vocabulary, labels in self.labels.items():
            keys = self.keys.setdefault(vocabulary, {})
            for value, label in labels.items():
                keys[value_key(value)] = value
                keys[value_key(label)] = value
        for vocabulary, spelling_key, canonical in Alias.objects.values_list(
            "vocabulary", "spelling_key", "canonical"
        ):
            if canonical in self.labels.get(vocabulary, {}):
                self.keys[vocabulary].setdefault(spelling_key, canonical)

    def accepted(self, vocabulary):
        """The canonical names, as a person would type them."""
        return sorted(self.labels[vocabulary].values(), key=str.casefold)

    def match(self, vocabulary, raw):
        """The canonical value for ``raw``; raises ``UnknownValue`` naming what is accepted."""
        key = value_key(raw)
        if not key and vocabulary in BLANK_MEANS:
            return BLANK_MEANS[vocabulary]
        found = self.keys[vocabulary].get(key)
        if found is None:
            shown = "" if raw is None else str(raw).strip()
            raise UnknownValue(vocabulary, shown, self.accepted(vocabulary))
        return found


def canonical_value(vocabulary, raw, *, matcher=None):
    """The canonical value of one raw cell for one vocabulary.

    >>> canonical_value("sector", " 3rd  sector ")
    'third_sector'
    """
    return (matcher or VocabularyMatcher()).match(vocabulary, raw)
