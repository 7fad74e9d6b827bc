"""The `tsunagari` command: load documents, serve the API, ask, connect, hubs, search,
export, review, tokens."""

from tsunagari.api.cli.commands import main

__all__ = ["main"]
