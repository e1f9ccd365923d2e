"""Corpus runs: many articles in, one embedded database (or Parquet / JSONL) out, resumable."""
