"""Values in their table form: ISO dates and periods, UTC timestamps, language codes, EUR values."""

from __future__ import annotations

import datetime as dt


def period_start(date: str) -> dt.date | None:
    """First day of a YYYY-MM-DD / YYYY-MM / YYYY period; None if ``date`` is not one."""
    suffix = {4: "-01-01", 7: "-01", 10: ""}.get(len(date))
    if suffix is None:
        return None
    try:
        return dt.date.fromisoformat(date + suffix)
    except ValueError:
        return None


def _iso_date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _utc(value: str) -> dt.datetime | None:
    """ISO 8601 timestamp -> aware UTC datetime (naive values are taken as UTC); None if unparseable."""
    try:
        parsed = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed.replace(tzinfo=dt.UTC) if parsed.tzinfo is None else parsed.astimezone(dt.UTC)


def _language(value: str | None) -> str | None:
    """'sv' -> 'sv', 'zh-cn' -> 'zh' (the table keeps ISO 639-1 codes)."""
    return value.lower().split("-")[0] if value else None
