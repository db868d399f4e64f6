"""Language detection (deterministic, declared language as prior) and the AI-relevance score."""

import subprocess
import sys

import pytest

from pipelines.language.detection import detect_language
from pipelines.language.relevance import ai_score, is_ai_related
from tests.helpers.paths import REPO

SV = "Universitetet startar ett nytt forskningsprogram om artificiell intelligens tillsammans med regionen."
NL = (
    "De hogeschool start samen met bedrijven uit de regio een nieuw onderzoeksprogramma over kunstmatige intelligentie."
)
DE = "Die Universität startet gemeinsam mit Partnern aus der Region ein neues Forschungsprogramm zur künstlichen Intelligenz."
EN = "The university is launching a new research programme on artificial intelligence with partners from the region."


@pytest.mark.parametrize("text,lang", [(SV, "sv"), (NL, "nl"), (DE, "de"), (EN, "en")])
def test_detects_sentences(text, lang):
    assert detect_language(text) == lang


def test_is_repeatable():
    mixed = "AI Impact Lab och Region Örebro län bygger en nod för AI Innovation of Sweden."
    assert len({detect_language(mixed) for _ in range(20)}) == 1


def test_short_text_takes_the_declared_language():
    assert detect_language("Nyheter", "sv") == "sv"
    assert detect_language("Publicerad: 2020-11-23", None) is None


def test_declared_language_loses_against_clear_text():
    assert detect_language(DE * 3, "sv") == "de"


def test_ai_pages_score_high_and_others_low():
    assert is_ai_related(ai_score(SV + " Maskininlärning och AI-forskning.", "sv"))
    assert is_ai_related(ai_score(DE + " KI-Anwendungen in der Medizin.", "de"))
    library = "Biblioteket på campus får nya öppettider i sommar och en ny läsesal för studenter."
    assert ai_score(library, "sv") == 0.0
    assert not is_ai_related(ai_score(library, "sv"))


def test_acronyms_need_a_word_end():
    assert ai_score("AIDS-forskningen och MAIL-listan fick nya medel.", "sv") == 0.0
    assert ai_score("AI-forskningen fick nya medel.", "sv") > 0.0


def test_first_detections_from_many_threads_agree() -> None:
    """The profiles load once, whole, when the first detections come from several threads at once."""
    code = (
        "import threading\n"
        "from pipelines.language.detection import detect_language\n"
        "text = 'Forskare vid universitetet får pengar för att utveckla artificiell intelligens i vården. ' * 20\n"
        "results, errors = [], []\n"
        "def run():\n"
        "    try:\n"
        "        results.append(detect_language(text))\n"
        "    except Exception as exc:\n"
        "        errors.append(repr(exc))\n"
        "threads = [threading.Thread(target=run) for _ in range(8)]\n"
        "[t.start() for t in threads]; [t.join() for t in threads]\n"
        "assert not errors and results == ['sv'] * 8, (errors, results)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr[-2000:]
