"""Generate ``data/lang/<lang>/cldr.yaml`` from CLDR through Babel (a development tool, not run time).

    .venv/bin/python -m pipelines.devtools.cldr [LANG ...]      # default: every language under data/lang

Writes per language: month names and abbreviations (format and stand-alone forms, lower-cased, the
abbreviation's period dropped), weekday names and abbreviations, era names, the decimal and group
symbols and minus signs, and the names and symbols of the currencies in ``CURRENCIES``. A symbol
two currencies share in one locale is left out (ambiguous). Hand-kept words stay in the
supplement files beside it (amounts.yaml, dates.yaml); see data/lang/README.md.
"""

from __future__ import annotations

import sys

import yaml

from pipelines.langdata import data_dir, supported_languages

# the currencies the parsers recognise by CLDR name or symbol (others need a supplement entry)
CURRENCIES = ("EUR", "USD", "GBP", "SEK", "NOK", "DKK", "CHF", "JPY", "CNY", "INR", "PLN", "ISK")


def _names(forms: dict[int, str]) -> dict[str, int]:
    return {name.lower().rstrip("."): number for number, name in forms.items()}


def cldr_data(lang: str) -> dict:
    """The CLDR facts of ``lang`` in the shape of cldr.yaml."""
    from babel import Locale
    from babel.dates import get_day_names, get_era_names, get_month_names
    from babel.numbers import (
        get_currency_name,
        get_currency_symbol,
        get_decimal_symbol,
        get_group_symbol,
        get_minus_sign_symbol,
    )

    months: dict[str, int] = {}
    weekdays: dict[str, int] = {}
    for width in ("wide", "abbreviated"):
        for context in ("format", "stand-alone"):
            months.update(_names(dict(get_month_names(width, context, lang))))
            weekdays.update(_names({d + 1: n for d, n in get_day_names(width, context, lang).items()}))
    eras = sorted({n.lower() for w in ("wide", "abbreviated") for n in get_era_names(w, locale=lang).values()})
    currencies: dict[str, str] = {}
    symbols: dict[str, set[str]] = {}
    for code in CURRENCIES:
        for count in (1, 2):
            currencies[get_currency_name(code, count, lang).lower()] = code
        currencies[code.lower()] = code
        symbols.setdefault(get_currency_symbol(code, lang), set()).add(code)
    for symbol, codes in symbols.items():
        if (len(codes) == 1 and not symbol.isalpha()) or symbol.upper() in codes:
            currencies[symbol.lower()] = next(iter(codes))
    group = get_group_symbol(lang)
    return {
        "months": dict(sorted(months.items(), key=lambda kv: (kv[1], kv[0]))),
        "weekdays": dict(sorted(weekdays.items(), key=lambda kv: (kv[1], kv[0]))),
        "eras": eras,
        "decimal_separator": get_decimal_symbol(lang),
        "group_separators": sorted({group, " " if group.isspace() else group}),
        "minus_signs": sorted({get_minus_sign_symbol(lang), "-"}),
        "currencies": dict(sorted(currencies.items())),
        "locale": str(Locale.parse(lang)),
    }


def write(lang: str) -> None:
    """Write ``data/lang/<lang>/cldr.yaml``."""
    import babel

    path = data_dir() / "lang" / lang / "cldr.yaml"
    header = (
        f"# GENERATED from CLDR by Babel {babel.__version__} (`python -m pipelines.devtools.cldr {lang}`); do not edit.\n"
        "# Hand-kept words belong in the supplement files beside it (amounts.yaml, dates.yaml).\n"
    )
    body = yaml.safe_dump(cldr_data(lang), allow_unicode=True, sort_keys=False, width=120)
    path.write_text(header + body, encoding="utf-8")
    print(f"wrote {path}")


if __name__ == "__main__":
    for code in sys.argv[1:] or supported_languages():
        write(code)
