"""People and their roles: a role is what a person is, never a contact detail or a byline credit."""

from __future__ import annotations

import pytest

from pipelines.parsers.entities import find_entities
from pipelines.parsers.people import find_people


def roles(text: str, lang: str) -> dict[str, str | None]:
    return {p.name: p.role for p in find_people(text, lang)}


@pytest.mark.parametrize(
    ("text", "lang", "names"),
    [
        ("Text: Maria Lindgren\nFoto: Jesper Eriksson", "sv", ["Maria Lindgren", "Jesper Eriksson"]),
        ("Tekst: Sanne de Vries", "nl", ["Sanne de Vries"]),
        ("Foto: Jonas Weber", "de", ["Jonas Weber"]),
    ],
)
def test_a_byline_credit_names_a_person_without_a_role(text, lang, names):
    found = roles(text, lang)
    assert {name: found.get(name, "missing") for name in names} == dict.fromkeys(names)


@pytest.mark.parametrize(
    ("text", "lang", "name"),
    [
        ("– Vi är glada, säger Anna Svensson, telefon 035-16 71 00", "sv", "Anna Svensson"),
        ("„Das ist gut“, sagt Jonas Weber, Telefon 0341 97-35020.", "de", "Jonas Weber"),
        ('"Dit is goed", zegt Jan de Vries, tel. 030 253 5555.', "nl", "Jan de Vries"),
        ("– Vi är glada, säger Anna Svensson, e-post anna.svensson@example.se", "sv", "Anna Svensson"),
    ],
)
def test_a_contact_detail_is_no_role(text, lang, name):
    assert roles(text, lang) == {name: None}


def test_a_real_role_is_kept():
    assert roles("– Det är ett viktigt steg, säger Anna Lindqvist, generaldirektör på Vinnova.", "sv") == {
        "Anna Lindqvist": "generaldirektör på Vinnova"
    }


def test_entities_found_once_give_the_same_people():
    text = "Professor Karin Lind vid Centrum för tillämpad AI säger att Alfred Nobel Science Park växer."
    assert find_people(text, "sv", find_entities(text, "sv")) == find_people(text, "sv")
