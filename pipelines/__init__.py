"""aiscout processing stages: extraction, language, parsers, normalisation, publishing, flows."""
