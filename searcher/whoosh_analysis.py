"""The old home of the Whoosh schema, kept so that indexes built before the move open.

Whoosh pickles an index's schema with the module path of its classes; builds
made before ``searcher/whoosh/`` existed name ``searcher.whoosh_analysis``.
Nothing imports this module; unpickling such a schema does. A rebuild
(``make rebuild``) writes the new path, after which this module is unused.
"""
from .whoosh.schema import IndicAnalyzer, IndicText, make_schema  # noqa: F401
