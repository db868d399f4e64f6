"""Normalisation: stable ids (``ids``), EUR values at the ECB rate (``currency``), ISO dates, periods and codes (``values``)."""
