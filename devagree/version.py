"""devagree's version, on the lowest floor so that any module may name it (the check cache
keys on it); ``devagree.__version__`` is the same value."""

__version__ = "0.1.0"
