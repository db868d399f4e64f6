"""The entity words of a language (``data/lang/<lang>/entities.yaml``) and the inflection rules they drive."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache, cached_property

from pipelines import langdata
from pipelines.text_keys import fold, name_key


def _words(values: Iterable[str] | None) -> frozenset[str]:
    return frozenset(fold(v) for v in values or ())


@dataclass(frozen=True)
class Grammar:
    """Head words of one kind (organisation or programme) and how names form around them."""

    kind: str
    heads: dict[str, str | None]  # folded head -> gender (for adjective base forms)
    cased_heads: frozenset[str]  # heads that only count when capitalised in the text
    standalone_compounds: frozenset[str]  # compound tails that make a name alone ("Utbildningsdepartementet")
    drop_lowercase_cue: bool  # "programmet Smarter" -> "Smarter"
    post_connectors: bool  # "deelprogramma Mensen en Vaardigheden"
    default_for_acronyms: bool = False
    head_lengths: tuple[int, ...] = ()  # for compounds ending in a head: "Aufbaubank"
    compound_heads: frozenset[str] = frozenset()  # heads that may end a compound: words, not 'AG', 'SE', 'e.V'
    cue_before_acronym: bool = False  # "das Netzwerk KIMed" -> "KIMed"
    complement_after_names: bool = False  # "Westfield Institute of Technology": names before the head allow "of …"
    drop_compound_cue: bool = False  # "Pilotprojektet X" -> "X" (a definite compound is a common noun)
    max_premodifiers: int = 3
    standalone_heads: frozenset[str] = frozenset()
    name_heads: frozenset[str] = (
        frozenset()
    )  # cue nouns that stay in the name: "Masterstudiengang Angewandte KI"  # heads naming an actor alone: "die Landesregierung"
    legal_forms: frozenset[str] = frozenset()  # "GmbH", "AB": a company's whole name runs before them
    legal_forms_after_comma: frozenset[str] = frozenset()  # "Meta Platforms, Inc."
    legal_form_tails: tuple[str, ...] = ()  # as written, after a legal form: "& Co. KG"
    extra_links: frozenset[str] = (
        frozenset()
    )  # link words of this kind only: "Masterprogram i …"  # capitalised words before a head: "Eindhoven Artificial Intelligence Systems Institute"
    cue_prefixes: tuple[str, ...] = ()  # "Förderprogramm X", "Landesprogramm X": a compound cue noun, the name follows
    owner_links: frozenset[str] = frozenset()  # "de strategie van Fontys": a lowercase cue + this + an owner
    described_heads: frozenset[str] = frozenset()  # "eine Stiftungsprofessur für …": after "ein" a description
    subject_heads: frozenset[str] = frozenset()  # units named by coordinated subjects: "Fakultät Natur und Technik"
    body_compounds: frozenset[str] = (
        frozenset()
    )  # compound tails naming a deciding body in lowercase: "tillväxtnämnden"
    owned_compounds: frozenset[str] = frozenset()  # lowercase compound tails naming a body after an owner's genitive
    place_adjective_endings: tuple[str, ...] = ()  # "Nederlandse", "französische": of a place or a nation
    plural_noun_endings: tuple[str, ...] = ()  # "Schulungen", "Anwendungen": a plural common noun, no name
    complement_heads: frozenset[str] = frozenset()  # heads naming a body only with a link complement: "Senatorin für …"
    site_heads: frozenset[str] = frozenset()  # heads naming a site, not a body, before a name alone: "Campus Lingen"
    adjective_heads: frozenset[str] = frozenset()  # heads naming a body only after a place adjective: "Zeeuwse Staten"
    subject_links: tuple[tuple[str, ...], ...] = ()  # inside a subject unit's name: "lectoraat AI in de Zorg"
    cue_heads: frozenset[str] = frozenset()  # lowercase heads that only cue the name after them: "stichting Health-RI"
    adjectives_describe: bool = False  # "de Drentse gemeente Emmen": adjectives before a lowercase head are no name
    acronym_words: tuple[str, ...] = ()  # word endings marking an abbreviated long form a programme ("…beleid (GLB)")
    object_nouns: tuple[str, ...] = ()  # noun endings after a name that begin the clause's object ("… Jena Mittel")
    not_heads: frozenset[str] = frozenset()  # words that end in a head but name no body: "Leidraad", "Voorraad"
    describing_determiners: frozenset[str] = frozenset()  # "der Logistiker X": a company noun names after these


@dataclass(frozen=True)
class Lexicon:
    """Language words for entity finding (``data/lang/<lang>/entities.yaml``)."""

    lang: str
    country: str
    stopwords: frozenset[str]
    roles: frozenset[str]
    name_words: frozenset[str]
    links: frozenset[str]
    connectors: tuple[tuple[str, ...], ...]
    adjective_suffixes: tuple[str, ...]
    lowercase_adjective_suffixes: tuple[str, ...]
    lowercase_complement: bool
    compounds: bool
    genitive: tuple[str, ...]
    adjective_nominative: dict[str, str]
    adjective_inflected: tuple[str, ...]
    english_runs: bool
    run_connectors: frozenset[str]
    run_tail_words: frozenset[str]
    generic_acronyms: frozenset[str]
    indefinite_articles: frozenset[str]
    coordinators: frozenset[str]  # connectors that join two names ("und"), not parts of one ("in der")
    name_tails: tuple[tuple[str, ...], ...]  # "des Landes" + a proper name ends a name
    quote_marks: tuple[tuple[str, str], ...]  # (opening, closing) quotation marks around names
    quote_non_cues: frozenset[str]  # words before a quoted title that is no programme ("Vortrag „…“")
    context_cues: tuple[tuple[str, ...], ...]  # "im Rahmen von" + a name: a programme
    acronym_cues: tuple[tuple[str, ...], ...]  # "uit het" + an acronym alone: a programme
    company_nouns: frozenset[str]  # "företaget" + a name: an organisation (also ending a compound)
    plural_heads: frozenset[str]  # "Labs", "Hubs": a run ending in one names a kind, not a thing
    campus_types: frozenset[str]  # gazetteer types whose names a following proper name extends
    organisation: Grammar
    programme: Grammar
    raw: dict = field(default_factory=dict, compare=False, repr=False)
    link_articles: frozenset[str] = frozenset()  # "Raad voor de rechtspraak": an article after the link word
    lowercase_after_article: bool = False  # ... and a lowercase complement after it
    plural_coordinations: tuple[tuple[tuple[str, ...], tuple[str, ...]], ...] = ()  # plural cue -> name templates
    clause_words: frozenset[str] = frozenset()  # verbs ending a lowercase name tail after a cue
    verb_endings: tuple[str, ...] = ()
    attributive_endings: tuple[str, ...] = ()
    unit_links: tuple[str, ...] = ()  # "Sahlgrenska akademin vid Göteborgs universitet": a unit, a link, its parent
    nouns_capitalised: bool = False
    place_connectors: frozenset[tuple[str, ...]] = (
        frozenset()
    )  # "in" + one proper word names a place  # German: a capital letter is no evidence of a proper name  # "Trygga", "Digitala": an attributive adjective needs its noun
    acronym_genitives: tuple[str, ...] = ()  # "EU:s", "EU's": the genitive of an acronym
    type_names: frozenset[str] = frozenset()  # name keys of kinds of body ("University of Applied Sciences"), no names
    genitive_articles: dict[str, frozenset[str]] = field(
        default_factory=dict
    )  # article -> prepositions governing it  # endings of finite verbs: such a word is no part of a name tail
    branch_types: frozenset[str] = frozenset()  # gazetteer types whose regional branches a following place names
    branch_links: frozenset[str] = frozenset()  # words between such a name and its branch's place ("i", "avdelning")
    section_types: frozenset[str] = frozenset()  # gazetteer types whose national sections a following country names
    section_places: frozenset[str] = frozenset()  # country names of such sections ("Amnesty International Nederland")
    located_links: dict[str, frozenset[str]] = field(default_factory=dict)  # link -> types it only locates
    locative_words: frozenset[str] = frozenset()  # "im Landkreis X": a local body after them is a place
    group_nouns: frozenset[str] = frozenset()  # "SPD-Fraktion": a party's acronym + one of them names its group
    title_words: frozenset[str] = frozenset()  # function words a title after a cue goes on through ("für", "i")
    title_owners: tuple[tuple[str, ...], ...] = ()  # "des Landes": an owner after a title, not part of it
    title_particles: frozenset[str] = frozenset()  # "… Data Science an.": a verb's particle may close the clause
    title_closers: frozenset[str] = frozenset()  # "AI för alla", "KI für alle": a pronoun closing a title
    time_words: frozenset[str] = frozenset()  # months and seasons (dates data): "… im Herbst" ends no title
    body_heads: frozenset[str] = frozenset()  # English heads ending a run that names a body, never a programme
    generic_names: frozenset[str] = frozenset()  # common nouns never a programme's name alone ("Teil", "Daten")
    programme_lists: frozenset[str] = frozenset()  # plural cue nouns before a list of names ("opleidingen")
    relative_words: frozenset[str] = frozenset()  # "som", "där": a clause after a title between commas
    event_heads: frozenset[str] = frozenset()  # "Forum X", "Nordic Dairy Congress": an event (a programme) by name
    run_event_heads: frozenset[str] = frozenset()  # "Nordic Dairy Congress": an English run ending so is an event
    event_suffixes: tuple[str, ...] = ()  # "KI-Tag", "Logistiekdag": a capitalised compound naming an event alone
    adverbs: frozenset[str] = frozenset()  # "tillsammans", "vidare": never the noun that ends a lowercase complement
    verb_particles: frozenset[str] = frozenset()  # "knyter an", "byggs vidare": the word before is a verb, not a noun
    # English coordinators ("and") joining capitalised words of an English name inside any language's text
    run_coordinators: frozenset[str] = frozenset()
    genitive_attribute_endings: tuple[str, ...] = ()  # "Schutz maritimer Infrastrukturen": a genitive adjective
    bodies: tuple[tuple[str, ...], ...] = ()  # governing bodies named by a fixed phrase: "Gedeputeerde Staten"
    body_places: dict[str, str] = field(default_factory=dict)  # body phrase (name key) -> its place's gazetteer type
    adjective_stems: frozenset[str] = frozenset()  # "deutsch", "frei": adjective stems too short for an ending
    adjective_stem_endings: tuple[str, ...] = ()  # "isch", "lich": how adjective stems end (not "Sachs-")
    place_only_bodies: frozenset[str] = frozenset()  # body phrases (name keys) that name a body only with its place

    @cached_property
    def stopwords_and_roles(self) -> frozenset[str]:
        """The folded words ``is_stop`` tests: function words and roles."""
        return self.stopwords | self.roles

    @cached_property
    def plural_head_endings(self) -> tuple[str, ...]:
        """``plural_heads`` as endings a word may have ("KI-Labs"), for ``str.endswith``."""
        return tuple(self.plural_heads)

    @cached_property
    def company_noun_endings(self) -> tuple[str, ...]:
        """``company_nouns`` as endings a word may have (a compound ending in one: "Göteborgsföretaget")."""
        return tuple(self.company_nouns)

    def is_stop(self, token: str) -> bool:
        """Function words and roles never belong to a name."""
        return fold(token) in self.stopwords_and_roles

    def is_generic(self, low: str) -> bool:
        """A common noun never a programme's name alone: a listed one, or a closed compound ending in one
        ("Bundesmitteln", "Spitzenforschung")."""
        return low in self.generic_names or (
            self.compounds
            and "-" not in low
            and any(low.endswith(g) and len(low) > len(g) + 2 for g in self.generic_names)
        )

    def grammar(self, kind: str) -> Grammar:
        """The organisation or programme grammar."""
        return self.organisation if kind == "organisation" else self.programme


def _grammar(kind: str, section: dict) -> Grammar:
    heads_raw = section.get("heads") or {}
    heads = {
        fold(k): v for k, v in (heads_raw.items() if isinstance(heads_raw, dict) else dict.fromkeys(heads_raw).items())
    }
    # an abbreviation ('SE', 'GmbH', 'e.V') stands alone: 'KI-Lotse' does not end in the head 'SE'
    compound_heads = frozenset(fold(k) for k in heads_raw if "." not in k and sum(c.isupper() for c in k) <= 1)
    compound_heads -= _words(section.get("no_compounds"))  # "Ingolstadt", "Darmstadt": places, not cities' bodies
    return Grammar(
        kind=kind,
        heads=heads,
        cased_heads=frozenset(fold(k) for k in heads_raw if k[:1].isupper())
        - frozenset(k for k in heads_raw if k[:1].islower()),
        standalone_compounds=_words(section.get("standalone_compounds")),
        not_heads=_words(section.get("not_heads")),
        drop_lowercase_cue=bool(section.get("drop_lowercase_cue", False)),
        post_connectors=bool(section.get("post_connectors", False)),
        default_for_acronyms=bool(section.get("default_for_acronyms", False)),
        head_lengths=tuple(sorted({len(h) for h in compound_heads}, reverse=True)),
        compound_heads=compound_heads,
        cue_before_acronym=bool(section.get("cue_before_acronym", False)),
        complement_after_names=bool(section.get("complement_after_names", False)),
        drop_compound_cue=bool(section.get("drop_compound_cue", False)),
        max_premodifiers=int(section.get("max_premodifiers", 3)),
        legal_forms=_words(section.get("legal_forms")),
        legal_forms_after_comma=_words(section.get("legal_forms_after_comma")),
        legal_form_tails=tuple(section.get("legal_form_tails") or ()),
        standalone_heads=_words(section.get("standalone_heads")),
        name_heads=_words(section.get("name_heads")),
        extra_links=_words(section.get("links")),
        cue_prefixes=tuple(fold(w) for w in section.get("cue_prefixes") or ()),
        owner_links=_words(section.get("owner_links")),
        described_heads=_words(section.get("described_heads")),
        subject_heads=_words(section.get("subject_heads")),
        body_compounds=_words(section.get("body_compounds")),
        owned_compounds=_words(section.get("owned_compounds")),
        place_adjective_endings=tuple(section.get("place_adjective_endings") or ()),
        plural_noun_endings=tuple(section.get("plural_noun_endings") or ()),
        complement_heads=_words(section.get("complement_heads")),
        site_heads=_words(section.get("site_heads")),
        adjective_heads=_words(section.get("adjective_heads")),
        subject_links=tuple(tuple(fold(w).split()) for w in section.get("subject_links") or ()),
        cue_heads=_words(section.get("cue_heads")),
        adjectives_describe=bool(section.get("adjectives_describe", False)),
        acronym_words=tuple(fold(w) for w in section.get("acronym_words") or ()),
        object_nouns=tuple(fold(w) for w in section.get("object_nouns") or ()),
        describing_determiners=_words(section.get("describing_determiners")),
    )


@cache
def uppercase_letters() -> str:
    """A regex class body of upper-case letters: A-Z and every language's ``uppercase_letters``."""
    extra = {
        c
        for lang in langdata.supported_languages()
        for c in langdata.load(lang, "entities").get("uppercase_letters") or ""
    }
    return "A-Z" + "".join(sorted(extra))


@cache
def suspended_connectors() -> frozenset[str]:
    """One-word connectors of every language: "und" in "Computer- und Biowissenschaften"."""
    return frozenset(
        c
        for lang in langdata.supported_languages()
        for c in langdata.load(lang, "entities").get("connectors") or ()
        if " " not in c
    )


@cache
def name_abbreviations() -> tuple[str, ...]:
    """Abbreviations that continue a name in every language ("St. Gallen", "S:t Görans"), longest first."""
    return tuple(
        sorted(
            {
                a
                for lang in langdata.supported_languages()
                for a in langdata.load(lang, "entities").get("name_abbreviations") or ()
            },
            key=len,
            reverse=True,
        )
    )


def _time_words(lang: str) -> frozenset[str]:
    """Month names and seasons of a language (its CLDR and dates data)."""
    cldr, dates = langdata.load(lang, "cldr") or {}, langdata.load(lang, "dates") or {}
    return _words([*(cldr.get("months") or {}), *(dates.get("months") or {}), *(dates.get("seasons") or ())])


@cache
def lexicon(lang: str) -> Lexicon:
    """The entity lexicon of a language (English words if the language has none)."""
    data = langdata.load(lang, "entities") or langdata.load("en", "entities")
    infl = data.get("inflection") or {}
    adj = infl.get("adjective") or {}
    return Lexicon(
        lang=lang,
        country=data.get("country", "xx"),
        stopwords=_words(data.get("stopwords")) | _words(langdata.load("en", "entities").get("page_chrome")),
        roles=_words(data.get("roles")),
        name_words=_words(data.get("name_words")),
        links=_words(data.get("links")),
        connectors=tuple(tuple(fold(c).split()) for c in data.get("connectors") or ()),
        adjective_suffixes=tuple(adj.get("suffixes") or ()),
        lowercase_adjective_suffixes=tuple(adj.get("lowercase_pre_suffixes") or ()),
        lowercase_complement=bool(data.get("lowercase_complement", False)),
        compounds=bool(data.get("compounds", False)),
        genitive=tuple(infl.get("genitive") or ()),
        adjective_nominative=dict(adj.get("nominative") or {}),
        adjective_inflected=tuple(adj.get("inflected") or ()),
        english_runs=bool(data.get("english_runs", False)),
        run_connectors=_words(langdata.load("en", "entities").get("run_connectors")),
        run_tail_words=_words(langdata.load("en", "entities").get("run_tail_words"))
        if data.get("english_runs")
        else frozenset(),
        generic_acronyms=frozenset(data.get("generic_acronyms") or ()),
        indefinite_articles=_words(data.get("indefinite_articles")),
        coordinators=_words(data.get("coordinators")),
        name_tails=tuple(tuple(fold(c).split()) for c in data.get("name_tails") or ()),
        quote_marks=tuple(tuple(q) for q in data.get("quote_marks") or ()),
        quote_non_cues=_words(data.get("quote_non_cues")),
        company_nouns=_words((data.get("organisations") or {}).get("company_nouns")),
        acronym_cues=tuple(tuple(fold(c).split()) for c in (data.get("programmes") or {}).get("acronym_cues") or ()),
        context_cues=tuple(tuple(fold(c).split()) for c in (data.get("programmes") or {}).get("context_cues") or ()),
        plural_heads=_words(langdata.load("en", "entities").get("plural_heads")) | _words(data.get("plural_heads")),
        campus_types=frozenset(data.get("campus_types") or ()),
        organisation=_grammar("organisation", data.get("organisations") or {}),
        programme=_grammar("programme", data.get("programmes") or {}),
        raw=data,
        link_articles=_words(data.get("link_articles")),
        lowercase_after_article=bool(data.get("lowercase_after_article", False)),
        plural_coordinations=tuple(
            (tuple(fold(k).split()), tuple(v)) for k, v in (data.get("plural_coordinations") or {}).items()
        ),
        clause_words=_words(data.get("clause_words")),
        verb_endings=tuple(data.get("verb_endings") or ()),
        attributive_endings=tuple(data.get("attributive_endings") or ()),
        nouns_capitalised=bool(data.get("nouns_capitalised", False)),
        unit_links=tuple(data.get("unit_links") or ()),
        place_connectors=frozenset(tuple(fold(c).split()) for c in data.get("place_connectors") or ()),
        acronym_genitives=tuple(data.get("acronym_genitives") or ()),
        genitive_articles={fold(k): _words(v) for k, v in (data.get("genitive_articles") or {}).items()},
        branch_types=frozenset(data.get("branch_types") or ()),
        branch_links=_words(data.get("branch_links")),
        section_types=frozenset(data.get("section_types") or ()),
        section_places=_words(data.get("section_places")),
        located_links={fold(k): frozenset(v) for k, v in (data.get("located_links") or {}).items()},
        locative_words=_words(data.get("locative_words")),
        group_nouns=_words(data.get("group_nouns")),
        adjective_stems=_words(adj.get("stems")),
        adjective_stem_endings=tuple(fold(e) for e in adj.get("stem_endings") or ()),
        type_names=frozenset(name_key(n) for n in (langdata.load("en", "entities").get("type_names") or ()))
        | frozenset(name_key(n) for n in data.get("type_names") or ()),
        title_words=_words(data.get("title_words")),
        title_owners=tuple(tuple(fold(c).split()) for c in data.get("title_owners") or ()),
        title_particles=_words(data.get("title_particles")),
        title_closers=_words(data.get("title_closers")),
        time_words=_time_words(lang),
        body_heads=_words(langdata.load("en", "entities").get("body_heads")),
        generic_names=_words((data.get("programmes") or {}).get("generic_names")),
        relative_words=_words(data.get("relative_words")),
        programme_lists=_words((data.get("programmes") or {}).get("list_heads")),
        event_heads=_words((data.get("programmes") or {}).get("event_heads")),
        run_event_heads=_words((langdata.load("en", "entities").get("programmes") or {}).get("event_heads")),
        event_suffixes=tuple(fold(w) for w in (data.get("programmes") or {}).get("event_suffixes") or ()),
        adverbs=_words(data.get("adverbs")) | _words(data.get("verb_particles")),
        verb_particles=_words(data.get("verb_particles")),
        run_coordinators=_words(langdata.load("en", "entities").get("coordinators")),
        genitive_attribute_endings=tuple(data.get("genitive_attribute_endings") or ()),
        bodies=tuple(tuple(fold(b).split()) for b in (data.get("organisations") or {}).get("bodies") or {}),
        body_places={name_key(b): t for b, t in ((data.get("organisations") or {}).get("bodies") or {}).items()},
        place_only_bodies=frozenset(
            name_key(b) for b in (data.get("organisations") or {}).get("place_only_bodies") or ()
        ),
    )


# --------------------------------------------------------------------------- inflection
