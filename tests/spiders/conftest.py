"""Fixtures of the spiders suite; the helpers live in spider_helpers.py (a unique module name, so this suite
and tests/reliability, which has its own conftest, can run in one pytest session)."""

from __future__ import annotations

from spider_helpers import registry, site  # noqa: F401 (fixtures)
