"""Deelwijs: a social media ambassador platform for Dutch care organisations."""

__version__ = "0.1.0"
