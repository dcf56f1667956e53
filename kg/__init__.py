"""kg — knowledge graphs from Japanese news.

>>> import kg
>>> graph = kg.build("examples/")            # doctest: +SKIP
>>> graph.query("meetings")                  # doctest: +SKIP
"""
from .errors import GraphError, InputError, KgError, ModelError, QueryError
from .graph import KnowledgeGraph, build, build_directory

__version__ = "0.1.0"


def load(directory) -> KnowledgeGraph:
    """A graph folder written by ``kg build``."""
    return KnowledgeGraph.load(directory)


__all__ = ["build", "build_directory", "load", "KnowledgeGraph", "KgError", "InputError", "QueryError",
           "GraphError", "ModelError", "__version__"]
