"""The OpenSearch backend: our analysis on a cluster, behind ``searcher.backend``.

``mapping`` (the index and one article's document), ``query`` (plans as query
DSL), ``engine`` (``OpenSearchBuild``, an opened build), ``columns`` and
``companions`` (what web servers keep besides, and where), ``location`` (the
alias a build switches and web servers follow). ``index.opensearch_build``
writes builds. Nothing outside this package talks to the cluster.
"""
