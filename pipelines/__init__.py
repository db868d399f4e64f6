"""aiscout's processing stages, one subpackage per stage, in the order the data flows:

    archive/    the raw WARC archive the spiders write, the corpus read back from it, its check against the crawl state
    extract/    decode -> page markup -> main text (html) -> publication date (pubdate) -> Document (document)
    language/   language detection and AI relevance
    parsers/    numbers, amounts, dates (date_grammar), range cues (ranges), people; entities/ (organisations, programmes)
    links/      funding links of each amount: funders, recipients, purpose, period, kind, part of
    normalise/  canonical ids, EUR values, ISO dates
    tables/     rows from documents (build), a chunk at a time (stream), validation (validate)
    publish/    Parquet files, the atomic switch of the current set, DuckDB and analyst views, run history,
                reuse of tables
    flows/      the Prefect flows that wire the stages, and what runs them (runners, schedule, lock, run health,
                per-page time budget, watchdog)
    report/     the HTML report from the current tables
    cli/        the ``aiscout`` command

Shared by all stages: ``models`` (the typed items passed between stages), ``langdata`` (the
language data in ``data/lang``), ``text_keys`` (comparison keys of text), ``regex_words`` (regex
alternations built from word lists) and ``file_links`` (a line closing with a link to a file). Development tools
(the demo snapshot server, the evaluation harness, the CLDR export, a headless-browser driver) live apart
in ``devtools/``.
"""
