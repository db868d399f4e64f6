"""Organisations and programmes: tokens -> gazetteer index and head-word discovery -> acronym
definitions -> resolution into non-overlapping mentions with stable ids.

lexicon (language words), tokens, gazetteer (CSV loading), index (Aho-Corasick over the
gazetteer), heads (head words and the words around them), extents (where a name starts and ends),
discovery (names no gazetteer has, by head words), fitting (known names fitted to the text around them),
context (quoted names, names after cue phrases,
coordinated plurals), acronyms, sameness (one id per real thing in a text: acronym forms, word-prefixes and
genitives of known names, legal forms in known companies' names), tails (clause words glued after a
found name), resolve (``find_entities``).
"""

from pipelines.parsers.entities.resolve import Entity, find_entities

__all__ = ["Entity", "find_entities"]
