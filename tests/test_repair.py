"""Characters and URLs repaired so every output stays valid RDF."""

from __future__ import annotations

import pyoxigraph
import pytest

from kg.repair import repair_url, scrub, url_iri


def test_scrub_replaces_one_for_one():
    text = "a\x00b\ud800c\x1bd\te\nf\r\x0cg"
    clean, count = scrub(text)
    assert count == 4 and len(clean) == len(text)
    assert clean == "a\ufffdb\ufffdc\ufffdd\te\nf\r\ufffdg"
    clean.encode("utf-8")  # no lone surrogate left


@pytest.mark.parametrize(
    ("value", "repaired"),
    [
        ("https://e.org/a", "https://e.org/a"),
        (" https://e.org/a ", "https://e.org/a"),
        ("https://e.org/%zz", "https://e.org/%25zz"),
        ("https://e.org/100%", "https://e.org/100%25"),
        ("https://e.org/a b", "https://e.org/a%20b"),
        ('https://e.org/<a>"{b}"', "https://e.org/%3Ca%3E%22%7Bb%7D%22"),
        ("https://e.org/\x00a\ud800", "https://e.org/a"),
        ("https://uk.wikipedia.org/wiki/Київ", "https://uk.wikipedia.org/wiki/Київ"),
        ("http://[::1]:8080/x", "http://[::1]:8080/x"),
        ("urn:isbn:9780000000000", "urn:isbn:9780000000000"),
    ],
)
def test_urls_are_repaired_into_valid_iris(value, repaired):
    url, note = repair_url(value)
    assert url == repaired
    assert (note is None) == (value == repaired)
    pyoxigraph.NamedNode(url_iri(url))  # raises if the IRI is invalid


@pytest.mark.parametrize(
    "value",
    ["not a url", "e.org/a", "http://[bad/x", "https://exa mple.org/", "http:///x",
     "http://e.org:abc/", "", "   "],
)  # fmt: skip
def test_unusable_urls_are_refused_with_a_reason(value):
    url, note = repair_url(value)
    assert url is None and note
