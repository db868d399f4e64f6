"""The funding linker: after the parsers, before normalisation, every amount gets its funders,
recipients, purpose, period, per-year flag, kind and the total it is part of (``link_amounts``).

Only names the entity finder found are linked; the cues (verbs and nouns of giving and receiving,
prepositions of source and purpose, anaphora nouns, kind and period words) are language data in
``data/lang/<lang>/funding.yaml``.
"""

from pipelines.links.linker import link_amounts

__all__ = ["link_amounts"]
