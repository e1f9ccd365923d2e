"""Writers turn an Analysis into a Comment; the built-in one is offline and deterministic."""
