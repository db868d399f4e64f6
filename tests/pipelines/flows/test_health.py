"""Run health: which crawls are too broken to publish, which corpora too small, and the counters."""

import pytest

from pipelines.flows.health import crawl_failure, shrink_failure
from pipelines.flows.summary import RunSummary, render_markdown, render_text

SOURCES = ["a", "b", "c", "d"]


def test_all_sources_failing_fails_the_run_whatever_the_share():
    message = crawl_failure(dict.fromkeys(SOURCES, "DNS lookup failed"), SOURCES, max_failed_share=1.0)
    assert message is not None and message.startswith("all 4 sources failed") and "DNS lookup failed" in message


@pytest.mark.parametrize(
    "failed, share, fails",
    [(["a"], 0.5, False), (["a", "b"], 0.5, False), (["a", "b", "c"], 0.5, True), (["a"], 0.2, True), ([], 0.0, False)],
)
def test_more_than_the_allowed_share_of_failed_sources_fails_the_run(failed, share, fails):
    message = crawl_failure(dict.fromkeys(failed, "HTTP 503"), SOURCES, share)
    assert (message is not None) is fails
    if fails:
        assert f"{len(failed)} of 4 sources failed" in message


def test_a_night_with_no_source_selected_is_not_a_crawl_failure():
    assert crawl_failure({}, [], 0.5) is None


@pytest.mark.parametrize(
    "documents, current, refused",
    [(0, None, "empty"), (0, 40, "empty"), (10, 40, "10 documents where the current tables have 40"), (20, 40, None)],
)
def test_an_empty_or_much_smaller_corpus_is_refused(documents, current, refused):
    message = shrink_failure(documents, current, max_shrink=0.5)
    if refused is None:
        assert message is None
    else:
        assert refused in message and "--allow-shrink" in message


def test_bad_shares_are_clear_errors():
    with pytest.raises(ValueError, match="max_failed_share"):
        crawl_failure({}, SOURCES, 1.5)
    with pytest.raises(ValueError, match="max_shrink"):
        shrink_failure(1, 1, -0.1)


def _report(archived: int, errors: list[str]) -> dict:
    counts = {"requests": archived + len(errors), "pages_archived": archived, "articles_new": archived}
    return {
        "sources": {"x": counts},
        "errors": [{"url": f"https://x.se/{i}", "reason": r} for i, r in enumerate(errors)],
    }


def test_failed_requests_are_counted_and_a_source_that_archived_nothing_is_failed():
    summary = RunSummary(run_id="r", code_version="v")
    summary.add_crawl("dead", _report(0, ["DNSLookupError: no such host", "DNSLookupError: no such host"]))
    summary.add_crawl("flaky", _report(3, ["HTTP 500"]))
    summary.add_crawl("fine", _report(2, []))
    summary.add_failed_source("crashed", "crawl subprocess exited with code 1")
    assert summary.crawl["dead"]["failed"] == 2 and summary.crawl["flaky"]["failed"] == 1
    assert summary.crawl["fine"]["failed"] == 0 and summary.crawl["crashed"]["failed"] == 1
    assert set(summary.failed_sources) == {"dead", "crashed"}
    assert "no such host" in summary.failed_sources["dead"] and "1 more" in summary.failed_sources["dead"]


def test_the_summary_says_what_failed_and_why():
    summary = RunSummary(
        run_id="r1", code_version="v", sources=["dead"], status="failed", failure="all 1 sources failed"
    )
    summary.add_crawl("dead", _report(0, ["DNSLookupError: no such host"]))
    markdown, text = render_markdown(summary), render_text(summary.to_dict())
    for rendered in (markdown, text):
        assert "all 1 sources failed" in rendered and "no such host" in rendered
    assert "FAILED" in markdown and "RUN FAILED" in text
