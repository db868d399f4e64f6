"""Organisations and programmes: tokens -> gazetteer index and head-word discovery -> acronym
definitions -> resolution into non-overlapping mentions with stable ids.

lexicon (language words), tokens, gazetteer (CSV loading), index (Aho-Corasick over the gazetteer), heads (head
words and the words around them), extents (where a name starts and ends), boundaries (where a name's words stop at a
coordinator, a genitive, an owner or the sentence's object), titles (programme titles after a cue that run on past
their first words), spelling (how a discovered name is written), discovery (names no gazetteer has, by head words),
runs (English-style capitalised runs, programme names inside compounds), fitting (known names fitted to the text
around them), civic (parties, unions, local government, a known name followed by its place), bodies (deciding bodies
named by a fixed phrase), partners and partner_cues (organisations named by their place in a list), context (quoted
names, names after cue phrases, coordinated plurals), acronyms, sameness (one id per real thing in a text: acronym
forms, word-prefixes and genitives of known names, legal forms in known companies' names, one name per entry), tails
(clause words glued after a found name), joined_names (names joined by "&" or a surname particle; a known word used
as a surname), foreign (universities and institutes named in their own language by other languages' head words),
cue_nouns (a head word right before a known name is its cue), segments (complements going on through an adjective's
noun or a coordinated article), schemes (hyphenated scheme names, a plan's target year), downloads (no programme on
a page's download line), lowercase_tails (lowercase complements and lists after a head), programme_lists (event
names, listed programmes), inflection (adjective endings, inflected variants, base forms), overlaps (truncated,
repeated and nested hits), resolve (``find_entities``).
"""

from pipelines.parsers.entities.resolve import Entity, find_entities

__all__ = ["Entity", "find_entities"]
