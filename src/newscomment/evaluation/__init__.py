"""Measuring detectors against human-annotated data: datasets, metrics, tasks, training
and the comment-quality judge."""
