"""Writers turn an Analysis into a Comment: the built-in one (offline, deterministic) and
the optional LLM writer, whose comment is checked and falls back to the built-in one."""
