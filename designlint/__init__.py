"""designlint: review system designs the way a staff engineer would."""

__version__ = "0.1.0"
