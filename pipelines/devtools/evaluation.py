"""Seed scorer: compares extract-output dicts with the gold annotations (../shared/seeds/GOLD_FORMAT.md).

Per field, set precision/recall/F1 micro-averaged over the corpus:
- organisations/programmes: a predicted ``name`` or ``text`` matches a gold entry when its normalised
  form (casefolded, punctuation and whitespace normalised) equals one of the entry's aliases; a gold
  entry counts once however often it is matched. "either" entries match from either list, are never
  false positives, and earn a true positive in the first field (organisations, then programmes)
  that lists them; an "either" entry nobody lists costs nothing.
- amounts: (value within 0.5 %, currency); dates: the normalised string, a predicted date equal to
  the publication date being neither a hit nor a false positive.
- people: the person's name (informational).
- published/language: exact per document (null == null is correct), reported as accuracy:
  tp = correct documents, fp = fn = wrong documents.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pipelines.text_keys import name_key

FIELDS = ("organisations", "programmes", "amounts", "dates", "people", "published", "language")


@dataclass(frozen=True, slots=True)
class Score:
    """Counts and the derived precision, recall and F1 (for accuracy fields: tp correct, fp = fn wrong)."""

    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(self.tp + other.tp, self.fp + other.fp, self.fn + other.fn)

    def __str__(self) -> str:
        return f"P={self.precision:.3f} R={self.recall:.3f} F1={self.f1:.3f} (tp={self.tp} fp={self.fp} fn={self.fn})"


def load_seed_gold(seed_dir: Path) -> list[dict]:
    """Every gold ``*.json`` in ``seed_dir`` with its document text under ``"text"`` (sorted by file name)."""
    out = []
    for path in sorted(Path(seed_dir).glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        text_path = path.with_suffix(".txt")
        gold["text"] = text_path.read_text(encoding="utf-8") if text_path.exists() else ""
        out.append(gold)
    return out


def _names(items: Iterable[dict]) -> list[set[str]]:
    return [{name_key(item.get(k) or "") for k in ("name", "text")} - {""} for item in items]


def _match_entries(predicted: list[set[str]], entries: list[list[str]]) -> tuple[set[int], list[bool]]:
    """Indices of matched entries, and per prediction whether it matched any entry."""
    aliases = [{name_key(a) for a in entry} for entry in entries]
    hit_entries: set[int] = set()
    hit_preds = []
    for forms in predicted:
        matched = [i for i, al in enumerate(aliases) if forms & al]
        hit_entries.update(matched)
        hit_preds.append(bool(matched))
    return hit_entries, hit_preds


def _score_names(pred: dict, gold: dict) -> dict[str, Score]:
    either = gold.get("either") or []
    credited: set[int] = set()
    scores = {}
    for field in ("organisations", "programmes"):
        names = _names(pred.get(field) or [])
        entries = gold.get(field) or []
        hit_entries, hit_preds = _match_entries(names, entries)
        either_hits, either_preds = _match_entries(names, either)
        new_either = either_hits - credited
        credited |= either_hits
        fp = sum(1 for own, alt in zip(hit_preds, either_preds) if not own and not alt)
        scores[field] = Score(len(hit_entries) + len(new_either), fp, len(entries) - len(hit_entries))
    return scores


def _score_set(pred: list, gold: list, same: Callable[[Any, Any], bool], ignore: Callable[[Any], bool]) -> Score:
    pred = [p for p in pred if not ignore(p)]
    matched_gold = {i for i, g in enumerate(gold) if any(same(p, g) for p in pred)}
    fp = sum(1 for p in pred if not any(same(p, g) for g in gold))
    return Score(len(matched_gold), fp, len(gold) - len(matched_gold))


def same_amount(p: dict, g: dict) -> bool:
    """GOLD_FORMAT's amount match: same currency, value within 0.5 %."""
    value = float(g["value"])
    return p.get("currency") == g["currency"] and abs(float(p.get("value") or 0) - value) <= 0.005 * abs(value)


def score_document(pred: dict, gold: dict) -> dict[str, Score]:
    """Scores of one predicted document against its gold annotation."""
    scores = _score_names(pred, gold)
    published = gold.get("published")
    scores["amounts"] = _score_set(pred.get("amounts") or [], gold.get("amounts") or [], same_amount, lambda p: False)
    scores["dates"] = _score_set(
        pred.get("dates") or [],
        gold.get("dates") or [],
        lambda p, g: p.get("date") == g["date"],
        lambda p: published is not None and p.get("date") == published,
    )
    scores["people"] = _score_set(
        pred.get("people") or [],
        gold.get("people") or [],
        lambda p, g: name_key(p.get("name") or "") == name_key(g["name"]),
        lambda p: False,
    )
    for field in ("published", "language"):
        ok = pred.get(field) == gold.get(field)
        scores[field] = Score(int(ok), int(not ok), int(not ok))
    return scores


def score_corpus(predictions: dict[str, dict], gold: list[dict]) -> dict[str, Score]:
    """Micro-averaged scores per field; a gold document without a prediction counts as an empty one."""
    total = {f: Score(0, 0, 0) for f in FIELDS}
    for doc in gold:
        for field, score in score_document(predictions.get(doc["id"], {}), doc).items():
            total[field] = total[field] + score
    return total


FUNDING_ROLES = {"funders": "funders", "recipients": "recipients", "for": "for"}


def score_funding(pred: dict, gold_funding: list[dict]) -> dict[str, Score]:
    """Funding links of one document (GOLD_FORMAT 'funding'): per role, triples (gold amount, role, entity).

    A predicted amount is matched to every gold entry of the same value and currency; the names it
    links in a role (and those of every other predicted amount matched to that entry: a figure
    repeated in title and body) hit a gold entity when the normalised form of their name or of the
    text they were found as equals an alias (as organisations are scored); names
    matching no entity, and every link of a predicted amount matching no gold entry, are false
    positives. ``period``: per matched gold entry, start and end exact (tp correct, fp = fn wrong);
    ``period_stated``: the same over the entries whose gold period is not null.
    """
    scores = {role: Score(0, 0, 0) for role in (*FUNDING_ROLES, "period", "period_stated")}
    preds = pred.get("amounts") or []
    used: set[int] = set()
    for entry in gold_funding:
        matched = [i for i, p in enumerate(preds) if same_amount(p, entry)]
        used.update(matched)
        for role in FUNDING_ROLES:
            aliases = [{name_key(a) for a in alias} for alias in entry.get(role) or []]
            forms = _party_forms(party for i in matched for party in preds[i].get(role) or [])
            hit = {k for k, al in enumerate(aliases) if any(f & al for f in forms)}
            fp = sum(1 for f in forms if not any(f & al for al in aliases))
            scores[role] = scores[role] + Score(len(hit), fp, len(aliases) - len(hit))
        if matched:
            want = entry.get("period") or {}
            ok = any(_period_of(preds[i]) == (want.get("start"), want.get("end")) for i in matched)
            scores["period"] = scores["period"] + Score(int(ok), int(not ok), int(not ok))
            if want.get("start") or want.get("end"):
                scores["period_stated"] = scores["period_stated"] + Score(int(ok), int(not ok), int(not ok))
    for i, p in enumerate(preds):
        if i not in used:
            for role in FUNDING_ROLES:
                extra = len(_party_forms(p.get(role) or []))
                scores[role] = scores[role] + Score(0, extra, 0)
    return scores


def _party_forms(parties: Iterable[dict]) -> list[set[str]]:
    """Per distinct party (by name): the keys of its name and of the text it was found as."""
    forms: dict[str, set[str]] = {}
    listed = list(parties)
    for party, keys in zip(listed, _names(listed)):
        forms.setdefault(name_key(party.get("name") or ""), set()).update(keys)
    return list(forms.values())


def _period_of(pred_amount: dict) -> tuple[str | None, str | None]:
    period = pred_amount.get("period") or {}
    return period.get("start"), period.get("end")


def score_funding_corpus(predictions: dict[str, dict], gold: dict[str, list[dict]]) -> dict[str, Score]:
    """Micro-averaged funding scores over documents (``gold``: document key -> its 'funding' list)."""
    total = {role: Score(0, 0, 0) for role in (*FUNDING_ROLES, "period", "period_stated")}
    for key, funding in gold.items():
        for role, score in score_funding(predictions.get(key, {}), funding).items():
            total[role] = total[role] + score
    return total


def differences(pred: dict, gold: dict) -> list[str]:
    """Human-readable missed (``-``) and spurious (``+``) items of one document, scored as ``score_document``."""
    lines = []
    either = [{name_key(a) for a in e} for e in gold.get("either") or []]
    for field, other in (("organisations", "programmes"), ("programmes", "organisations")):
        entries = [{name_key(a) for a in e} for e in gold.get(field) or []]
        forms, other_forms = _names(pred.get(field) or []), _names(pred.get(other) or [])
        for entry, names in zip(entries, gold.get(field) or []):
            if not any(f & entry for f in forms):
                where = f" (found as {other})" if any(f & entry for f in other_forms) else ""
                lines.append(f"  - {field}: {names[0]}{where}")
        for item, f in zip(pred.get(field) or [], forms):
            if not any(f & e for e in entries + either):
                lines.append(f"  + {field}: {item.get('name')!r} (text {item.get('text')!r})")
    gold_amounts, pred_amounts = gold.get("amounts") or [], pred.get("amounts") or []
    lines += [
        f"  - amounts: {g['value']} {g['currency']} ({g.get('text')})"
        for g in gold_amounts
        if not any(same_amount(p, g) for p in pred_amounts)
    ]
    lines += [
        f"  + amounts: {p['value']} {p['currency']} ({p.get('text')!r})"
        for p in pred_amounts
        if not any(same_amount(p, g) for g in gold_amounts)
    ]
    published = gold.get("published")
    gold_dates = {d["date"] for d in gold.get("dates") or []}
    pred_dates = {d["date"]: d.get("text") for d in pred.get("dates") or [] if d["date"] != published}
    lines += [f"  - dates: {d}" for d in sorted(gold_dates - set(pred_dates))]
    lines += [f"  + dates: {d} ({t!r})" for d, t in sorted(pred_dates.items()) if d not in gold_dates]
    gold_people = {name_key(p["name"]) for p in gold.get("people") or []}
    pred_people = {name_key(p["name"]): p for p in pred.get("people") or []}
    lines += [
        f"  + people: {p['name']!r} role {p.get('role')!r}" for k, p in pred_people.items() if k not in gold_people
    ]
    lines += [f"  - people: {p['name']}" for p in gold.get("people") or [] if name_key(p["name"]) not in pred_people]
    for field in ("published", "language"):
        if field in gold and pred.get(field) != gold.get(field):
            lines.append(f"  ! {field}: got {pred.get(field)!r}, expected {gold.get(field)!r}")
    return lines


def f1_scores(scores: dict[str, Score]) -> dict[str, float]:
    """``{field}_f1`` per field, the metric names the quality gate's floors use."""
    return {f"{field}_f1": round(score.f1, 4) for field, score in scores.items()}


def score_snippets(text: str, must_in: Iterable[str], must_out: Iterable[str]) -> Score:
    """Main-text score of one page: a snippet that must be in and is found is a true positive, one that
    is missing a false negative, a snippet that must stay out and is found a false positive (white space
    and case folded)."""
    folded = " ".join(text.split()).casefold()
    found = lambda s: " ".join(s.split()).casefold() in folded  # noqa: E731
    ins = list(must_in)
    hits = sum(1 for s in ins if found(s))
    return Score(hits, sum(1 for s in must_out if found(s)), len(ins) - hits)
