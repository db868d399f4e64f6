"""Validate table rows with the pandera schemas: a row that fails is moved to ``rejects`` with its reason."""

from __future__ import annotations

import json
from collections import defaultdict

import pandas as pd
import pyarrow as pa
from pandera.errors import SchemaErrors

from schemas.relations import REFERENCES
from schemas.tables import TABLES, arrow_schema, frame, primary_key


class TableSchemaError(ValueError):
    """A whole table is unusable (missing/extra table or column, wrong dtype): nothing is published."""


def validate(
    tables: dict[str, pd.DataFrame], run_id: str, *, partial: bool = False, seen_keys: dict[str, set[str]] | None = None
) -> tuple[dict[str, pd.DataFrame], pd.DataFrame]:
    """Split every table into rows passing its checks and a ``rejects`` table of the others.

    Row-level failures (nulls, patterns, allowed values, duplicate ids beyond the first, spans,
    references to a rejected or unknown document/entity) become rejects with their reasons.
    Table-level failures raise :class:`TableSchemaError`: a missing or unknown table, a missing or
    extra column, a dtype other than the table's exact Arrow dtype (no silent coercion). Columns
    are put in schema order. A ``rejects`` table in the input is kept and extended.

    Streaming (one chunk of the tables at a time): ``partial`` allows tables to be absent and leaves
    references to absent tables unchecked; ``seen_keys`` holds, per table, the ids kept from earlier
    chunks (rows repeating one are rejected) and is extended with this chunk's kept ids.
    """
    expected = set(TABLES) - {"rejects"}
    if (missing := expected - set(tables)) and not partial:
        raise TableSchemaError(f"missing tables: {sorted(missing)}")
    if unknown := set(tables) - set(TABLES):
        raise TableSchemaError(f"unknown tables: {sorted(unknown)}")
    kept: dict[str, pd.DataFrame] = {}
    rejected = [tables["rejects"]] if "rejects" in tables else []
    for name in sorted(expected & set(tables), key=_parents_first):
        df = _conform(name, tables[name])
        reasons = _row_failures(name, df)
        pk = primary_key(name)
        if seen_keys is not None and name in seen_keys:
            for i in df.index[df[pk].isin(seen_keys[name])]:
                reasons[i].append(f"{pk}: duplicate of a row in an earlier chunk")
        for column, parent in REFERENCES.get(name, []):
            if parent not in kept:
                continue
            known = set(kept[parent][primary_key(parent)].dropna())
            for i in df.index[~df[column].isin(known) & df[column].notna()]:
                reasons[i].append(f"{column}: not in {parent}")
        bad = sorted(reasons)
        rejected.append(reject_rows(name, df.loc[bad], [reasons[i] for i in bad], run_id))
        kept[name] = df.drop(index=bad).reset_index(drop=True)
        if seen_keys is not None and name in seen_keys:
            seen_keys[name].update(kept[name][pk].dropna())
    return kept, sort_rejects(rejected)


def sort_rejects(parts: list[pd.DataFrame]) -> pd.DataFrame:
    """One ``rejects`` table from parts, in its canonical order (table, row key, reason), checked."""
    rejects = pd.concat([frame("rejects"), *(_conform("rejects", r) for r in parts)], ignore_index=True)
    rejects = rejects.sort_values(["table", "row_key", "reason"], kind="stable").reset_index(drop=True)
    _row_failures("rejects", rejects, raise_rows=True)
    return rejects


def _conform(name: str, df: pd.DataFrame) -> pd.DataFrame:
    """``df`` with the table's column order and a fresh index; missing/extra columns or wrong dtypes raise."""
    schema = arrow_schema(name)
    problems = [f"missing column {c!r}" for c in schema.names if c not in df.columns]
    problems += [f"unexpected column {c!r}" for c in df.columns if c not in schema.names]
    problems += [
        f"column {f.name!r} has dtype {df[f.name].dtype}, expected {pd.ArrowDtype(f.type)}"
        for f in schema
        if f.name in df.columns and df[f.name].dtype != pd.ArrowDtype(f.type)
    ]
    if problems:
        raise TableSchemaError(f"table {name!r}: {'; '.join(problems)} (build tables with schemas.tables.frame)")
    return df[schema.names].reset_index(drop=True)


def _parents_first(name: str) -> tuple[int, str]:
    return (1 if name in REFERENCES else 0, name)


def _row_failures(name: str, df: pd.DataFrame, *, raise_rows: bool = False) -> defaultdict[int, list[str]]:
    """Reasons per failing row index; table-level failures (and row ones if ``raise_rows``) raise."""
    reasons: defaultdict[int, list[str]] = defaultdict(list)
    try:
        TABLES[name].validate(df, lazy=True)
    except SchemaErrors as err:
        cases = err.failure_cases
        table_level = cases[cases["index"].isna()]
        if len(table_level) or raise_rows:
            detail = "; ".join(
                f"{c.column}: {c.check} ({c.failure_case})"
                for c in (table_level if len(table_level) else cases).itertuples()
            )
            raise TableSchemaError(f"table {name!r} does not match its schema: {detail}") from err
        for case in cases.itertuples():
            wide = case.schema_context == "DataFrameSchema"
            reason = str(case.check) if wide else f"{case.column}: {case.check}"
            if reason not in reasons[int(case.index)]:
                reasons[int(case.index)].append(reason)
    return reasons


def reject_rows(name: str, rows: pd.DataFrame, reasons: list[list[str]], run_id: str) -> pd.DataFrame:
    pk = primary_key(name)
    records = pa.Table.from_pandas(rows, preserve_index=False).to_pylist()
    keys = [str(r[pk]) if r.get(pk) is not None else f"#{i}" for i, r in zip(rows.index, records)]
    return frame(
        "rejects",
        {
            "table": [name] * len(records),
            "row_key": keys,
            "reason": ["; ".join(r) for r in reasons],
            "run_id": [run_id] * len(records),
            "row_json": [json.dumps(r, sort_keys=True, ensure_ascii=False, default=str) for r in records],
        },
    )
