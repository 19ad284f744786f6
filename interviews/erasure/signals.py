"""What erasure tells the layers above it.

``participant_erased`` is sent inside the withdrawal's transaction (and again when a
restore re-applies it), before the participant's rows are deleted, with
``excerpts``: the pks of every excerpt cut from their transcripts. The report pages
keep released copies of quotes (``reports.interview_figures``); they take the person's
words out of them when this is sent.
"""

from django.dispatch import Signal

participant_erased = Signal()
