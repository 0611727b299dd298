"""Acquire stage: read articles from files (read.py) or the web (crawl.py)."""
