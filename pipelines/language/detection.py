"""Language of the main text with langdetect, made deterministic, with ``<html lang>`` as a prior.

langdetect is reliable on sentences and unreliable on single words, so it runs on the body
(not headings) and a page's declared language decides when the text is too short or the
detector is unsure.
"""

from __future__ import annotations

import re
import threading
from functools import lru_cache
from itertools import chain, islice

import numpy as np
from langdetect import DetectorFactory, detector_factory
from langdetect.detector import Detector
from langdetect.lang_detect_exception import ErrorCode, LangDetectException
from langdetect.utils.ngram import NGram

MIN_CHARS = 40  # below this, trust the declared language
MIN_PROBABILITY = 0.80  # below this, a declared language wins
SAMPLE_CHARS = 3000  # detection needs sentences, not the whole page


_FACTORY_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _factory() -> DetectorFactory:
    """The language profiles, loaded once per process, with a fixed seed (repeatable results).

    Locked: langdetect publishes its factory before the profiles are loaded, so a second thread
    (batches run in a thread pool) could otherwise see a half-loaded factory."""
    with _FACTORY_LOCK:
        detector_factory.init_factory()
    factory = detector_factory._factory
    factory.set_seed(0)
    return factory


def detect_language(text: str, hint: str | None = None, *, min_chars: int = MIN_CHARS) -> str | None:
    """ISO 639-1 code of ``text``; ``hint`` (e.g. ``<html lang>``) decides short or unclear cases."""
    sample = _body_sample(text)
    if len(sample) < min_chars:
        return hint
    detector = _FastDetector(_factory())
    detector.append(sample)
    try:
        best = detector.get_probabilities()[0]
    except (LangDetectException, IndexError):
        return hint
    if hint and best.lang != hint and best.prob < MIN_PROBABILITY:
        return hint
    return best.lang


def _body_sample(text: str) -> str:
    """Prefer lines that read like sentences (several words) over headings and menu items."""
    lines = [line for line in text.splitlines() if len(line.split(maxsplit=6)) >= 6]  # 6 words or more
    return "\n".join(lines or [text])[:SAMPLE_CHARS]


# -- a faster langdetect Detector with identical results ---------------------------------------
# langdetect spends most of its time in per-character Python loops (append, cleaning_text,
# _extract_ngrams with NGram.normalize's Unicode-block lookup per character) and in the trials'
# per-language loop. These overrides compute exactly the same text, the same n-gram list (same
# order) and the same floating-point operations in the same order, so the seeded random trials
# and the probabilities are bit-identical; only the work is cached, done by regexes or by numpy.

_SPACES = re.compile(" {2,}")
_LATIN = re.compile("[A-z]")
_NON_LATIN = re.compile("[\u0300-\U0010ffff]")
_NOT_LATIN_CHARS = re.compile("[A-z]+")
_WORD_AND_SPACE = re.compile(r"[^ ]+(?: |\Z)")


class _Normalized(dict):
    """``str.translate`` table: code point -> ``NGram.normalize`` of the character, filled on demand."""

    def __missing__(self, code: int) -> str:
        self[code] = value = NGram.normalize(chr(code))
        return value


_NORMALIZED = _Normalized()


@lru_cache(maxsize=1 << 16)
def _word_gram_probs(chunk: str) -> tuple[np.ndarray, ...]:
    """The n-grams langdetect keeps for one normalised word, with its following space if any, as
    their probability arrays (:func:`_gram_probs`: what the trials draw).

    NGram's state is reset at every space, so a word's n-grams depend on the word alone."""
    prob_map = _factory().word_lang_prob_map
    result: list[str] = []
    grams = " "
    capital = False
    for c in chunk:
        last = grams[-1]
        if last == " ":
            grams = " "
            capital = False
        elif len(grams) >= 3:
            grams = grams[1:]
        grams += c
        if c.isupper():
            if last.isupper():
                capital = True
        else:
            capital = False
        if capital:
            continue
        if c != " " and c in prob_map:
            result.append(c)
        n = len(grams)
        if n >= 2:
            if (w := grams[-2:]) in prob_map:
                result.append(w)
            if n >= 3 and (w := grams[-3:]) in prob_map:
                result.append(w)
    return tuple(map(_gram_probs, result))


def _piece_gram_probs(piece: str) -> tuple[np.ndarray, ...]:
    """The n-grams of a piece of text (as probability arrays): its normalised words split at single
    spaces, each with its following space (the last one: if any)."""
    words = _WORD_AND_SPACE.findall(piece.translate(_NORMALIZED))
    return tuple(chain.from_iterable(map(_word_gram_probs, words)))


@lru_cache(maxsize=1 << 14)
def _spaced_piece_gram_probs(piece: str) -> tuple[np.ndarray, ...]:
    """:func:`_piece_gram_probs` of a piece of text between spaces, with the space that follows it."""
    return _piece_gram_probs(piece + " ")


@lru_cache(maxsize=1 << 16)
def _gram_probs(gram: str) -> np.ndarray:
    """A known n-gram's probability in each language of the factory, as an array."""
    return np.array(_factory().word_lang_prob_map[gram])


class _FastDetector(Detector):
    text: str  # langdetect's Detector keeps the cleaned text here

    def append(self, text: str) -> None:
        text = self.URL_RE.sub(" ", text)
        # each substitution runs only where its pattern can match: an address needs an "@", a
        # Vietnamese letter a combining mark, a run of spaces two spaces (scanning for them is cheap)
        if "@" in text:
            text = self.MAIL_RE.sub(" ", text)
        if any(mark in text for mark in NGram.DMARK_CLASS):
            text = NGram.normalize_vi(text)
        text = text[: self.max_text_length]
        # the original keeps a character unless it is a space following a space (called once
        # per detector here, on an empty text)
        self.text += _SPACES.sub(" ", text) if "  " in text else text

    def cleaning_text(self) -> None:
        text = self.text
        # langdetect means to spare Latin Extended Additional here, but compares its block number
        # with the block's name: every character from U+0300 on counts as non-Latin. Latin letters
        # are counted only as far as the comparison needs (latin * 2 < non_latin).
        need = (len(_NON_LATIN.findall(text)) + 1) // 2
        if sum(1 for _ in islice(_LATIN.finditer(text), need)) < need:
            self.text = _NOT_LATIN_CHARS.sub("", text)

    def _ngram_probs(self) -> list[np.ndarray]:
        """langdetect's ``_extract_ngrams``, each n-gram as its probability array."""
        # a space stays a space when normalised: the text is read piece by piece between its spaces
        *spaced, last = self.text.split(" ")
        return list(chain(chain.from_iterable(map(_spaced_piece_gram_probs, spaced)), _piece_gram_probs(last)))

    def _detect_block(self) -> None:
        """langdetect's trials, each language's probability updated by numpy (same operations)."""
        self.cleaning_text()
        ngrams = self._ngram_probs()
        if not ngrams:
            raise LangDetectException(ErrorCode.CantDetectError, "No features in text.")
        self.random.seed(self.seed)
        # random.choice(ngrams) as Random.choice draws it (_randbelow_with_getrandbits: the same calls of
        # getrandbits, so the same stream), without its two Python frames per draw
        getrandbits, count = self.random.getrandbits, len(ngrams)
        bits = count.bit_length()
        langprob = np.zeros(len(self.langlist))
        # row 0: the probabilities; rows 1..5: the factors of the draws up to the next normalisation
        rows = np.empty((6, len(self.langlist)))
        prob = rows[0]  # the trial's probabilities (a view of row 0)
        first, rest = (rows[:2], rows[1:2]), (rows, rows[1:])
        for _ in range(self.n_trial):
            prob[:] = self._init_probability()
            alpha = self.alpha + self.random.gauss(0.0, 1.0) * self.ALPHA_WIDTH
            weight = alpha / self.BASE_FREQ
            # langdetect normalises after draw i when i % 5 == 0: after the first draw, then every 5
            i, batch, (used, factors) = 0, 1, first
            while True:
                grams = []
                for _ in range(batch):
                    r = getrandbits(bits)
                    while r >= count:
                        r = getrandbits(bits)
                    grams.append(ngrams[r])
                np.add(weight, grams, out=factors)
                # multiply.reduce runs down the rows in order: the same products as prob *= factor per draw
                product = np.multiply.reduce(used, axis=0)
                # Python's sequential sum (numpy sums pairwise); division is monotonic, so the
                # largest quotient is the largest value divided
                values = product.tolist()
                total = sum(values)
                np.divide(product, total, out=prob)
                if max(values) / total > self.CONV_THRESHOLD or i >= self.ITERATION_LIMIT:
                    break
                i, batch, (used, factors) = i + 5, 5, rest
            langprob += prob / self.n_trial
        self.langprob = langprob.tolist()
