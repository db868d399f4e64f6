"""The pattern of a line closing with a link to a file, shared by the page cleaner and the entity finder."""

from __future__ import annotations

import pytest

from pipelines.file_links import FILE_LINK, file_lines


@pytest.mark.parametrize(
    "line",
    [
        "Flyer Studiengang (PDF)",
        "Pressefoto Rektorin (JPG, 3 MB)",
        "Rapport om AI i vården [pdf, 1,2 MB]",
        "Bijlage (docx)",
    ],
)
def test_a_line_closing_with_a_file_type_in_brackets_is_a_file_link(line: str) -> None:
    assert FILE_LINK.search(line)


@pytest.mark.parametrize(
    "line",
    [
        "Die Hochschule (HS) startet ein Programm.",
        "Het programma (PDF-formaat wordt later gedeeld) start in mei.",
        "Bilder (JPG) finns i pressrummet, säger hon.",
        "Portable Document Format (PDF) ist ein Dateiformat und wird hier erklärt",
    ],
)
def test_a_bracket_inside_a_sentence_is_no_file_link(line: str) -> None:
    assert not FILE_LINK.search(line)


def test_file_lines_give_the_whole_line_of_each_link() -> None:
    text = "Pressekontakt\nFlyer Studiengang (PDF)\nDas Programm KI-Starter läuft.\nFactsheet (PDF, 200 kB)"
    spans = [text[a:b] for a, b in file_lines(text)]
    assert spans == ["Flyer Studiengang (PDF)", "Factsheet (PDF, 200 kB)"]
