"""A plain text copied from a page may start with its skip link: that line is never the title."""

import pytest

from pipelines.extract.chrome_lines import is_chrome_line
from pipelines.extract.document import extract_document

CASES = [
    (
        "sv",
        "Hoppa till huvudinnehåll\nUmeå universitet startar nytt centrum för tillämpad AI\n"
        "Universitetet satsar tolv miljoner kronor på forskning om AI i vården under fyra år.",
        "Umeå universitet startar nytt centrum för tillämpad AI",
    ),
    (
        "de",
        "Zum Inhalt springen\nNeues Graduiertenkolleg zur KI in der Medizin startet\n"
        "Die Universität erhält dafür 4,2 Millionen Euro von der Deutschen Forschungsgemeinschaft.",
        "Neues Graduiertenkolleg zur KI in der Medizin startet",
    ),
    (
        "nl",
        "Ga naar de hoofdinhoud\nHogescholen starten lectoraat voor verantwoorde AI\n"
        "Het lectoraat krijgt de komende vijf jaar 1,2 miljoen euro uit het Nationaal Groeifonds.",
        "Hogescholen starten lectoraat voor verantwoorde AI",
    ),
    (
        "sv",  # an English skip link above a Swedish text
        "Skip to main content\nRegionen bjuder in företag till workshop om generativ AI\n"
        "Workshopen hålls i Örebro och är en del av ett projekt på två miljoner kronor.",
        "Regionen bjuder in företag till workshop om generativ AI",
    ),
]


@pytest.mark.parametrize("lang, text, title", CASES)
def test_skip_link_is_not_the_title(lang, text, title):
    doc = extract_document(text, lang=lang, is_html=False)
    assert doc.title == title


def test_only_skip_links_count_as_chrome():
    assert is_chrome_line("Hoppa till huvudinnehåll") and is_chrome_line("SKIP TO CONTENT »")
    assert not is_chrome_line("Till innehållet i den nya AI-strategin hör tre satsningar")
    assert not is_chrome_line("Umeå universitet startar nytt centrum")
