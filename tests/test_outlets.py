"""A source is shown by its outlet's name (index.metadata, index/data/outlets.tsv)."""
import pytest

from index.metadata import host_of, outlet, outlet_name, outlet_names


@pytest.mark.parametrize("url, host", [
    ("https://zeenews.india.com/gujarati/india/story-123", "zeenews.india.com"),
    ("http://www.BBC.com/hindi/india-1", "bbc.com"),
    ("https://m.revoi.in/x", "revoi.in"),
    ("https://amp.example.co.in:8443/a?b=c", "example.co.in"),
    ("", ""), ("javascript:alert(1)", ""), ("zeenews.india.com/no-scheme", ""),
])
def test_host_of(url, host):
    assert host_of(url) == host


def test_outlet_is_the_host_else_the_label():
    assert outlet("https://www.divyabhaskar.co.in/x", "gujarati-dailies") == "divyabhaskar.co.in"
    assert outlet("", "l3cube-headlines") == "l3cube-headlines"
    assert outlet("", "") == ""


@pytest.mark.parametrize("source, name", [
    ("zeenews.india.com", "Zee News"), ("revoi.in", "Revoi"), ("bbc-hindi", "BBC Hindi"),
    ("BBC-Hindi", "BBC Hindi"), ("unknown.example", "unknown.example"), ("", ""),
])
def test_outlet_name(source, name):
    assert outlet_name(source) == name


def test_every_outlet_has_a_name_and_hosts_are_written_as_host_of_writes_them():
    names = outlet_names()
    assert names and all(name.strip() for name in names.values())
    for key in names:
        if "." in key:
            assert host_of("https://" + key + "/") == key
