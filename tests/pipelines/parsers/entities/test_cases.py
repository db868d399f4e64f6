"""Per-language entity cases from cases.yaml, run against the fixture gazetteer."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from pipelines.parsers.entities.gazetteer import load_gazetteer
from pipelines.parsers.organisations import find_organisations
from pipelines.parsers.people import find_people
from pipelines.parsers.programmes import find_programmes

HERE = Path(__file__).parent
CASES = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
GAZETTEER = load_gazetteer(HERE / "fixtures")


@pytest.mark.parametrize("case", CASES, ids=[f"{c['lang']}-{c['about'][:40]}" for c in CASES])
def test_case(case):
    text, lang = case["text"], case["lang"]
    orgs = find_organisations(text, lang, GAZETTEER)
    progs = find_programmes(text, lang, GAZETTEER)
    people = find_people(text, lang)
    for mention in (*orgs, *progs, *people):
        assert text[mention.start : mention.end] == mention.text
    assert [m.start for m in orgs] == sorted(m.start for m in orgs)

    for field, found in (("organisations", orgs), ("programmes", progs)):
        ids = {m.name: m.id for m in found}
        for name, expected_id in case.get(field, []):
            assert name in ids, f"{name!r} not in {sorted(ids)}"
            if expected_id is not None:
                assert ids[name] == expected_id
    if "only_organisations" in case:
        assert {m.name for m in orgs} == set(case["only_organisations"])
    for surface in case.get("not_organisations", []):
        assert surface not in {m.text for m in orgs} | {m.name for m in orgs}
    for surface in case.get("not_programmes", []):
        assert surface not in {m.text for m in progs} | {m.name for m in progs}
    for acronym, name in (case.get("acronym_of") or {}).items():
        named = [m for m in (*orgs, *progs) if m.text == acronym]
        assert named and all(m.name == name for m in named), named

    roles = {p.name: p.role for p in people}
    for name, role in case.get("people", []):
        assert name in roles, f"{name!r} not in {sorted(roles)}"
        assert roles[name] == role
    if "only_people" in case:
        assert set(roles) == set(case["only_people"])


def test_same_name_on_two_pages_gets_the_same_id():
    first = find_organisations("Mittlands högskolas rektor talade.", "sv", GAZETTEER)
    second = find_organisations("Hon arbetar vid Mittlands högskola i dag.", "sv", GAZETTEER)
    assert [o.id for o in first] == [o.id for o in second] == ["se-mittlands-hogskola"]


def test_gazetteer_facts_are_attached():
    (org,) = find_organisations("Hon leder Lunds universitet.", "sv", GAZETTEER)
    assert (org.type, org.country) == ("university", "SE")


def test_one_name_per_entry_in_a_text():
    """Every mention of one gazetteer entry in a text takes the name of its fullest mention."""
    progs = find_programmes("Horizon Europe finansierar. Medlen kommer från Horisont Europa.", "sv", GAZETTEER)
    assert {p.id for p in progs} == {"eu-horizon-europe"}
    assert {p.name for p in progs} == {"Horisont Europa"}
