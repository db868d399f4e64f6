"""Fixtures of the spiders suite: a counting 127.0.0.1 server and a registry writer (tests/helpers/sites.py)."""

from __future__ import annotations

from tests.helpers.sites import registry, site  # noqa: F401 (fixtures)
