"""Pure parsers: text in, typed mentions out (see pipelines.models)."""
