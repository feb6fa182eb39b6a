"""Package version and the Immich API version the generated code was built from."""

__version__ = "0.1.0"
