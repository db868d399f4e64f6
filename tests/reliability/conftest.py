"""Fixtures for the reliability suite: the spiders suite's counting 127.0.0.1 server and registry writer."""

from __future__ import annotations

from tests.helpers.sites import registry, site  # noqa: F401 (fixtures)
