"""Measuring detectors against human-annotated data: datasets, metrics, tasks, learning."""
