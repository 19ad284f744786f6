"""REFI-QDA exchange: the coded interviews as a ``.qdpx`` project for NVivo, ATLAS.ti,
MAXQDA, QualCoder or Taguette (``project_file``), and a ``.qdpx`` (or ``.qdc``) file's
codebook read in as a new version of the codebook (``codebook_file``)."""
