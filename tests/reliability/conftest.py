"""Fixtures for the reliability suite (helpers live in rel_helpers.py)."""
from __future__ import annotations

from rel_helpers import spider_helpers

# The spiders suite's fixtures: a counting 127.0.0.1 server and a registry writer.
site = spider_helpers().site
registry = spider_helpers().registry
