"""The real app served over loopback for tests that speak HTTP to it."""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import httpx
import uvicorn

from tsunagari.api.app import create_app
from tsunagari.api.middleware import BoundedHead
from tsunagari.api.settings import Settings
from tsunagari.graph import GraphStore


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LiveServer:
    """The real app served by uvicorn on a loopback port, in a thread, with the HTTP protocol
    of `tsunagari serve`."""

    def __init__(self, store: GraphStore, settings: Settings | None = None,
                 clock: Callable[[], datetime] | None = None) -> None:
        settings = settings or Settings(data_dir=Path(tempfile.mkdtemp(prefix="tsunagari-")))
        self.port = free_port()
        app = create_app(store, settings, clock) if clock else create_app(store, settings)
        config = uvicorn.Config(
            app, host="127.0.0.1", port=self.port, http=BoundedHead,
            log_level="warning",
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline:
                raise RuntimeError("test server did not start")
            time.sleep(0.02)
        return self

    def __exit__(self, *_: object) -> None:
        self.server.should_exit = True
        self.thread.join(10)


@dataclass
class WriteApi:
    """A live API with two tokens: `token` of the role desk, `admin_token` of the role admin."""

    client: httpx.Client
    token: str
    admin_token: str
    store: GraphStore
    data_dir: Path

    def auth(self, token: str | None = None) -> dict[str, str]:
        return {"Authorization": f"Bearer {token or self.token}"}

    def admin(self) -> dict[str, str]:
        return self.auth(self.admin_token)


def state(api: WriteApi) -> tuple[object, ...]:
    health = api.client.get("/healthz").json()
    documents = api.client.get("/v1/documents").json()
    return health["entities"], health["relations"], health["version"], documents
