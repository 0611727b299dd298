"""pemilu-facts: Indonesian election news in, tables of facts out."""

__version__ = "0.1.0"
