"""The snapshot server: host-prefixed paths, index files, conditional requests, no escape from the root."""

import urllib.error
import urllib.request

import pytest

from pipelines.devtools.demo_server import resolve, serve_snapshot


@pytest.fixture()
def snapshot(tmp_path):
    site = tmp_path / "www.example.se"
    (site / "nyheter" / "en-nyhet").mkdir(parents=True)
    (site / "nyheter" / "en-nyhet" / "index.html").write_text("<html><body>nyhet</body></html>", encoding="utf-8")
    (site / "robots.txt").write_text("User-agent: *\nDisallow: /intern/\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text("outside", encoding="utf-8")
    return tmp_path


def test_resolve_maps_directories_and_refuses_escapes(snapshot):
    assert resolve(snapshot, "/www.example.se/nyheter/en-nyhet/").name == "index.html"
    assert resolve(snapshot, "/www.example.se/nyheter/en-nyhet").name == "index.html"
    assert resolve(snapshot, "/www.example.se/robots.txt").name == "robots.txt"
    assert resolve(snapshot, "/www.example.se/../secret.txt") is None
    assert resolve(snapshot, "/www.example.se/%2e%2e/secret.txt") is None
    assert resolve(snapshot, "/www.example.se/saknas/") is None


def test_serves_with_etag_and_answers_304(snapshot):
    with serve_snapshot(snapshot) as server:
        assert server.remap()["https://www.example.se"] == f"{server.base_url}/www.example.se"
        url = server.remap()["https://www.example.se"] + "/nyheter/en-nyhet/"
        with urllib.request.urlopen(url) as resp:
            assert resp.read() == b"<html><body>nyhet</body></html>"
            etag = resp.headers["ETag"]
            assert resp.headers["Content-Type"].startswith("text/html")
        req = urllib.request.Request(url, headers={"If-None-Match": etag})
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(req)
        assert err.value.code == 304
        with pytest.raises(urllib.error.HTTPError) as err:
            urllib.request.urlopen(server.base_url + "/www.example.se/saknas/")
        assert err.value.code == 404
        assert server.count(200) == 1 and server.count(304) == 1 and server.count(404) == 1


def test_a_demo_crawls_only_the_sources_the_snapshot_holds() -> None:
    """Every registry source is enabled, but the demo snapshot holds five sites: a demo run must not reach
    the real sites of the others."""
    from pipelines.cli.runs import DEMO_SNAPSHOT
    from pipelines.devtools.demo_server import serve_snapshot
    from spiders.registry import enabled_sources

    with serve_snapshot(DEMO_SNAPSHOT) as server:
        names = server.sources()
    assert sorted(names) == ["lindholmen", "oru", "regieorgaan-sia", "umu", "uni-leipzig"]
    assert len(enabled_sources()) > len(names)
