"""Presentation layer: text summaries, JSON and CSV exports, the command line."""
