"""Learned models the product runs: features over spaCy docs and linear classifiers stored
as plain data. Training and measurement live in ``newscomment.quality``."""
