"""storydiff: compare how two outlets reported the same story."""

__version__ = "0.1.0"
