"""The crawl state's memory of candidate pages that were no article (re-checked after a number of days)."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from spiders.state import CrawlState


def test_not_articles_per_source_within_the_recheck_period(tmp_path: Path) -> None:
    state = CrawlState(tmp_path / "state.sqlite")
    state.record_not_article("https://a.se/projekt/x/", "a")
    state.record_not_article("https://b.se/om/y/", "b")
    assert state.not_articles("a", days=30) == {"https://a.se/projekt/x/"}  # pending records are committed first
    assert state.not_articles("a", days=0) == set()  # a period of no days: everything is due for a re-check
    state.close()
    with sqlite3.connect(tmp_path / "state.sqlite") as db:
        db.execute("UPDATE not_articles SET checked = '2020-01-01T00:00:00.000000Z'")
    state = CrawlState(tmp_path / "state.sqlite")
    assert state.not_articles("b", days=30) == set() and state.not_articles("b", days=100_000) == {"https://b.se/om/y/"}
    state.record_not_article("https://b.se/om/y/", "b")  # checked again: remembered from now on
    assert state.not_articles("b", days=1) == {"https://b.se/om/y/"}
    state.close()


def test_a_state_file_of_an_older_version_gains_the_table(tmp_path: Path) -> None:
    path = tmp_path / "state.sqlite"
    CrawlState(path).close()
    with sqlite3.connect(path) as db:
        db.execute("DROP TABLE not_articles")
    state = CrawlState(path)
    state.record_not_article("https://a.se/projekt/x/", "a")
    assert state.not_articles("a", days=1) == {"https://a.se/projekt/x/"}
    state.close()
