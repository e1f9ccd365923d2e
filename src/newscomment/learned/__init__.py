"""Learned models the product runs: features over spaCy docs, linear classifiers stored as
plain data, the shelf they are loaded from, and the metrics they are chosen by. Training
and measurement live in ``newscomment.evaluation``."""
