"""Measuring detectors and learned models against human-annotated data: dataset readers,
the task table, the measurement protocols, training with model cards, and the
comment-quality judge."""
