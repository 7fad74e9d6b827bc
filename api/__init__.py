"""The service: the FastAPI app (`app.create_app`), its routes (one module per resource in
`routes/`), schemas, middleware, the web page (`web/`) and the `tsunagari` command (`cli/`).

This layer may import every other; nothing imports it.
"""

__all__ = ["app", "cli", "routes", "schemas", "settings"]
