"""Range cues: a dash or "to" word between two values, or a "join" word after an opener."""

from __future__ import annotations

import re

import pytest

from pipelines.parsers.ranges import RangeCues, cue_before

CUES = RangeCues.build(["bis"], ["und"], ["zwischen", "von"], r"[^\S\n]")


def _values(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in re.finditer(r"\d+", text)]


@pytest.mark.parametrize(
    ("text", "joined"),
    [
        ("2–3", True),
        ("2 - 3", True),
        ("2 bis 3", True),
        ("2 BIS 3", True),
        ("zwischen 2 und 3", True),
        ("Es kamen 2 und 3", False),  # "und" needs an opener
        ("2 oder 3", False),
        ("2 bis\n3", False),  # this space class keeps a range within a line
        ("2,    bis 3", False),
    ],
)
def test_two_values_are_joined_by_a_cue(text, joined):
    first, second = _values(text)
    assert CUES.joins(text, first, second[0]) is joined


def test_the_opener_is_found_only_right_before_the_first_value():
    text = "Förderung zwischen 2 und 3"
    start = text.index("2")
    opener = CUES.opener_before(text, start)
    assert opener is not None and opener.group().strip() == "zwischen"
    far = "zwischen " + "x" * 40 + " 2"
    assert CUES.opener_before(far, far.index("2")) is None


def test_a_cue_before_is_a_whole_word_ending_at_the_search_end():
    approx = re.compile(cue_before(["rund", "ca."], r"\s"), re.IGNORECASE)
    assert approx.search("Es waren rund ")
    assert approx.search("Es waren ca.  ")
    assert not approx.search("Es waren Grund ")
    assert not approx.search("rund 2")
