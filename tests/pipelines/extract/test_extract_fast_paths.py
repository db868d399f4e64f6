"""The extractor's fast paths compute what their plain definitions compute (session 25: same output, less time)."""

from __future__ import annotations

import random
import re

import pytest
from lxml import etree

from pipelines.extract import boilerplate, decode, page_chrome
from pipelines.extract.markup import parse_page

_PIECES = [
    *(
        "<div class='c'>",
        "<div id='sidebar-nav'>",
        "</div>",
        "<p>",
        "</p>",
        "<a href='#'>",
        "</a>",
        "<span>",
        "</span>",
    ),
    *("<nav>", "</nav>", "<footer>", "</footer>", "<aside role='note'>", "</aside>", "<header>", "</header>"),
    *("<form>", "</form>", "<section role='navigation'>", "</section>", "<em hidden>", "</em>", "<b aria-hidden=true>"),
    *("\u00a0", " ", "\n\t", "  ", "Forskning", "får", "5 miljoner", "Zeile", "één", "\u2009", "x"),
]


def _random_pages(seed: int, count: int) -> list[etree._Element]:
    rng = random.Random(seed)
    pages = []
    for _ in range(count):
        markup = "".join(rng.choice(_PIECES) for _ in range(rng.randint(1, 50)))
        pages.append(parse_page(f"<html><body><a href='#'>{rng.choice(_PIECES)}{markup}</a>{markup}</body></html>"))
    return pages


def test_own_text_len_follows_its_definition():
    # the definition: normalised text length minus the stripped length of every text inside a link below the element
    # (texts of white space only, XML's or not, count nothing; a link around the element does not count)
    def plain(el: etree._Element) -> int:
        return int(el.xpath("string-length(normalize-space(.))")) - sum(
            len(t.strip()) for t in el.xpath(".//a//text()")
        )

    checked = 0
    for root in _random_pages(25, 150):
        for el in root.iter(etree.Element):
            assert page_chrome.own_text_len(el) == plain(el), etree.tostring(el, encoding=str)
            checked += 1
    assert checked > 1000


def test_chrome_candidates_are_the_elements_with_a_chrome_tag_or_a_marking_attribute():
    plain = etree.XPath(
        ".//*[@id or @class or @role or @aria-hidden or @hidden or self::nav or self::footer or self::aside"
        " or self::form or self::header]"
    )
    for root in _random_pages(7, 150):
        body = next(root.iter("body"))
        assert page_chrome._CHROME_CANDIDATES(body) == plain(body)


def test_chrome_ident_judges_tokens_as_the_plain_definition_does():
    def plain(*values: str | None) -> bool:
        tokens = " ".join(v for v in values if v).split()
        chrome = [t for t in tokens if page_chrome._CHROME.search(t)]
        return bool(chrome) and not any(page_chrome.CONTENT.search(t) for t in tokens if t not in chrome)

    words = ["sidebar", "content", "main-content", "nav", "article-related", "text", "cookie-bar", "x", "Share", "row"]
    rng = random.Random(3)
    for _ in range(500):
        values = [" ".join(rng.choice(words) for _ in range(rng.randint(0, 4))) or None for _ in range(2)]
        assert page_chrome._chrome_ident(*values) == plain(*values), values


def test_credits_emails_and_phones_need_the_characters_their_cheap_tests_look_for():
    # without_credit looks for a credit only where ':' or '©' is; is_chrome_block for an e-mail only where '@' is
    # and for a phone number only where a digit is: none of the patterns matches a text without them
    pieces = ["Foto", "Bild", "Photo", "(", ")", "[", "]", "Anna Berg/dpa", ".", " ", "\n", "©", ":", "@", "uni.se"]
    pieces += ["08-123 45 67", "+49 341 97", "info", "Källa", "Forscher im Labor", "2024"]
    rng = random.Random(11)
    credit = boilerplate._data()["credit_tail"]
    seen = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        if ":" not in text and "©" not in text:
            assert credit.search(text) is None, text  # type: ignore[union-attr]
        if "@" not in text:
            assert boilerplate._EMAIL.search(text) is None, text
        if not re.search(r"\d", text):
            assert not boilerplate._PHONE.findall(text), text
        seen += credit.search(text) is not None  # type: ignore[union-attr]
    assert seen > 10  # the random texts do hold credits


def test_is_chrome_block_follows_its_plain_definition():
    # the definition: the block's words found first, then each test in turn (the fast path reads the first word and
    # counts the words only when a test needs them)
    def plain(block: str) -> bool:
        text = " ".join(block.split())
        if not text or len(text) > 200:
            return False
        data = boilerplate._data()
        words = boilerplate._WORD.findall(text)
        if words and all(w.rstrip(".").casefold() in data["share"] for w in words):  # type: ignore[operator]
            return True
        if data["section"].fullmatch(text):  # type: ignore[union-attr]
            return True
        if data["credit"].match(text) and (":" in text[:20] or "©" in text or len(words) <= 8):  # type: ignore[union-attr]
            return True
        if text.startswith("©"):
            return True
        if len(words) <= 14 and boilerplate.FILE_LINK.search(text):
            return True
        if data["prompt"].match(text) and len(words) <= 10:  # type: ignore[union-attr]
            return True
        if data["contact"].match(text) and re.search(r"[\d@:]", text):  # type: ignore[union-attr]
            return True
        if len(words) > 14 or text.endswith((".", "!", "?")):
            return False
        if len(words) <= 10 and data["postcode"].search(text):  # type: ignore[union-attr]
            return True
        phones = [p for p in boilerplate._PHONE.findall(text) if not boilerplate._DATE_LIKE.fullmatch(p.strip())]
        return len(phones) + len(boilerplate._EMAIL.findall(text)) >= 1

    pieces = ["Dela", "Teilen", "Facebook", "LinkedIn", "Foto", "Foto:", "©", "Läs också", "Mehr zum Thema", "(PDF)"]
    pieces += ["Rapport", "Prenumerera", "Kontakt:", "Telefon", "08-123 45 67", "2024-05-01", "anna@uni.se", "."]
    pieces += ["753 10 Uppsala", "12345 Berlin", "2511 CV Den Haag", "Forskning", "får", "5", "miljoner", "!", " "]
    rng = random.Random(5)
    chrome = 0
    for _ in range(4000):
        block = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 18)))
        assert boilerplate.is_chrome_block(block) == plain(block), block
        chrome += plain(block)
    assert 400 < chrome < 3600  # both answers are common among the random blocks


def test_fold_spaces_is_the_space_pattern_substitution():
    # the fast path skips the regex for a printable text without a double space: every other character the pattern
    # folds must be unprintable, and the answers must agree on texts of all those characters
    from pipelines.extract.blocks import SPACE, fold_spaces

    assert all(not chr(i).isprintable() for i in range(0x110000) if i != 0x20 and SPACE.match(chr(i)))
    pieces = [" ", "  ", "\t", "\r", "\f", "\v", "\u00a0", "\u2009", "\u202f", "\u2003", "\n", "ord", "Zeile", "5,3"]
    rng = random.Random(17)
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 10)))
        assert fold_spaces(text) == SPACE.sub(" ", text), repr(text)


def test_block_texts_follow_the_plain_walk():
    # the definition: a block holding another block is walked as a container; else its <br>s become line breaks and
    # its text is folded line by line (the fast path reads a block of one plain string without the walk)
    from bs4 import BeautifulSoup, Tag

    from pipelines.extract import blocks

    def plain(el: Tag) -> str | None:
        if any(getattr(node, "name", None) in blocks._BLOCKS for node in el.descendants):
            return None
        for br in [node for node in el.descendants if isinstance(node, Tag) and node.name == "br"]:
            br.replace_with("\n")
        lines = (blocks.SPACE.sub(" ", line).strip() for line in el.get_text("").split("\n"))
        return "\n".join(line for line in lines if line)

    pieces = ["<p>", "</p>", "<li>", "</li>", "<b>", "</b>", "<br>", "<!-- c -->", "<span>", "</span>", "<div>"]
    pieces += ["</div>", "<blockquote>", "</blockquote>", " ", "  ", "\n", "\u00a0", "Text", "zwei", "<td>", "</td>"]
    rng = random.Random(23)
    blocks_seen = 0
    for _ in range(400):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 25)))
        fast_soup, plain_soup = (BeautifulSoup(f"<div>{markup}</div>", "lxml") for _ in range(2))
        fast = [el for el in fast_soup.find_all(True) if el.name in blocks._BLOCKS]
        slow = [el for el in plain_soup.find_all(True) if el.name in blocks._BLOCKS]
        for fast_el, slow_el in zip(fast, slow, strict=True):
            assert blocks._block_text(fast_el) == plain(slow_el), markup
            blocks_seen += 1
    assert blocks_seen > 500


def test_cue_patterns_match_as_their_plain_alternations():
    # the start cues carry a lookahead of their first letters, and a section cue is tried only on texts no longer
    # than the longest cue: both must answer as the plain patterns do, in any letter case
    from pipelines.parsers.numbers import lang_table
    from pipelines.regex_words import alternation

    page = lang_table(None, "page")
    data = boilerplate._data()
    cues = [str(w) for key in ("contact_cues", "credit_cues", "prompt_cues") for w in page.get(key) or []]
    section_words = [str(w) for k in ("related_headings", "press_contact_headings", "file_headings") for w in page[k]]
    plain_section = re.compile(rf"(?:{alternation(section_words)})\s*[:.…]?", re.IGNORECASE)
    tails = ["", ":", " :", "…", " x", "x", ". Mehr", "  ", "\u00a0"]
    rng = random.Random(29)
    matched = 0
    for _ in range(3000):
        word = rng.choice([*cues, *section_words, "Forskning", "Zeile"])
        text = rng.choice([str.lower, str.upper, str.title, str])(word) + rng.choice(tails)
        for key in ("contact_cues", "credit_cues", "prompt_cues"):
            pattern = data[key.removesuffix("_cues")]
            plain = re.compile(rf"(?:{alternation(page.get(key) or [])})(?!\w)", re.IGNORECASE)
            assert bool(pattern.match(text)) == bool(plain.match(text)), (key, text)  # type: ignore[union-attr]
            matched += bool(plain.match(text))
        folded = " ".join(text.split())
        assert boilerplate._is_section_cue(folded) == bool(plain_section.fullmatch(folded)), folded
        matched += bool(plain_section.fullmatch(folded))
    assert matched > 1000


def test_section_headings_follow_their_plain_definition():
    # the definition: the element's text_content(), white space folded, 1-60 characters and a section cue (the fast
    # paths read .text of an element without children and reject a long printable text of single spaces unfolded)
    def plain(el: etree._Element) -> bool:
        text = " ".join(el.text_content().split())
        return 0 < len(text) <= 60 and boilerplate._data()["section"].fullmatch(text) is not None  # type: ignore[union-attr]

    pieces = ["<p>", "</p>", "<h3>", "</h3>", "<b>", "</b>", "<!-- c -->", " ", "  ", "\n", "\u00a0", "\u2009", "Läs"]
    pieces += ["också", "Mehr zum Thema", ":", "Related news", "x" * 30, "Forskning får 5 miljoner", "<br>", "Lees ook"]
    rng = random.Random(31)
    seen = cues = 0
    for _ in range(1500):
        markup = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 12)))
        root = parse_page(f"<html><body><div>{markup}</div></body></html>")
        for el in root.iter("p", "h3", "b", "div"):
            assert boilerplate.is_section_heading(el.text_content() if len(el) else el.text or "") == plain(el), (
                etree.tostring(el, encoding=str)
            )
            assert (el.text_content() if len(el) else el.text or "") == el.text_content()
            seen += 1
            cues += plain(el)
    assert seen > 2000 and cues > 50


def test_mojibake_repair_follows_its_definition():
    # the definition: where the pattern finds a UTF-8 sequence read as Windows-1252, the whole text round-trips or
    # is left as it is
    def plain(text: str) -> str:
        if not decode._MOJIBAKE.search(text):
            return text
        try:
            return text.encode("cp1252").decode("utf-8")
        except UnicodeError:
            return text

    rng = random.Random(26)
    alphabet = [
        "a",
        " ",
        "\n",
        "ä",
        "ö",
        "Ã",
        "¶",
        "Â",
        "–",
        "€",
        "\u0081",
        "é",
        "ñ",
        "字",
        "©",
        "\u00f4",
        "\u00f5",
        "Ÿ",
    ]
    words = ["för", "über", "één", "–", "€", "ñ", "café", "字", "Straße"]
    repaired = 0
    for _ in range(20000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 8)))
        if rng.random() < 0.4:  # real mojibake, alone or with other text after it
            broken = "".join(rng.choice(words) for _ in range(rng.randint(1, 4))).encode().decode("cp1252", "replace")
            text = broken + text * (rng.random() < 0.3)
        assert decode._repair_mojibake(text) == plain(text), repr(text)
        repaired += decode._repair_mojibake(text) != text
    assert repaired > 2000


def test_control_characters_of_utf8_bytes_are_found_as_in_their_text():
    # the definition: the text is scanned for control characters; for UTF-8 bytes their bytes are scanned instead
    rng = random.Random(14)
    pieces = ["<p>", "text", "för", "–", "\ufeff", "\n", "\t", "\r", "\x00", "\x01", "\x0b", "\x1f", "\x7f", "字", "Ã¶"]
    pieces += ["<b>Warning</b>: x in y on line 3\n", "<html><body>", "\u0085", "\u2028", "\u00a0"]
    replaced = 0
    for _ in range(5000):
        text = "<html>" + "".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        data = ("\ufeff" * rng.randint(0, 2) + text).encode()
        try:
            plain = decode.decode_input(data.decode("utf-8-sig"))
        except decode.ExtractionError as error:
            with pytest.raises(decode.ExtractionError, match=re.escape(str(error))):
                decode.decode_input(data)
            continue
        assert decode.decode_input(data) == plain, repr(data)
        replaced += any(c in text for c in "\x00\x01\x0b\x1f\x7f")
    assert replaced > 500
