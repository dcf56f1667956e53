"""One exception hierarchy. A KgError's message is one line meant for the user."""


class KgError(Exception):
    """Base of every error kg raises on purpose."""


class InputError(KgError):
    """An input file or argument is unusable (missing, empty, binary, undecodable)."""


class QueryError(KgError):
    """A query file or a query parameter is wrong."""


class GraphError(KgError):
    """A built graph directory is missing or broken."""


class ModelError(KgError):
    """The GiNZA model is not installed or cannot be loaded."""
