"""``searcher.opensearch.location``: how an OpenSearch index is named wherever a directory is."""
from __future__ import annotations

import pytest

from searcher.opensearch.location import OpenSearchLocation, is_location, location_spec
from searcher.served import DirectoryLocation, location_of


def test_a_location_names_a_cluster_and_an_alias():
    location = OpenSearchLocation.parse("opensearch:http://127.0.0.1:9200/news")
    assert (location.url, location.name) == ("http://127.0.0.1:9200", "news")
    assert str(location) == location_spec("http://127.0.0.1:9200/", "news")


@pytest.mark.parametrize("spec", ["opensearch:news", "opensearch:http://127.0.0.1:9200",
                                  "opensearch:ftp://host/news", "opensearch:http://h:9200/a/b"])
def test_a_malformed_location_says_how_to_write_one(spec):
    with pytest.raises(ValueError, match="opensearch:http://HOST:9200/INDEX"):
        OpenSearchLocation.parse(spec)


def test_anything_else_is_an_index_directory(tmp_path):
    assert not is_location(str(tmp_path)) and not is_location(tmp_path)
    assert isinstance(location_of(tmp_path), DirectoryLocation)
    assert isinstance(location_of("opensearch:http://h:9200/news"), OpenSearchLocation)
