"""Input that cannot grow without bound, over HTTP against a real `tsunagari serve`: a
request's head (431 past 64 KB, even while it still arrives), the body of a write without a
valid token (refused before it is read), the proposals of one document, and invisible
format characters in names (README: Limits)."""

from __future__ import annotations

import json
import re
import socket
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

from tests.support.documents import SECOND_DOCUMENT
from tests.support.paths import SEEDS
from tests.support.processes import ApiProcess
from tests.support.servers import LiveServer, WriteApi, state
from tsunagari.api.auth import Role, TokenStore
from tsunagari.api.middleware import MAX_HEAD_BYTES
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders import load_seeds

ANSWER_WAIT = 30
"""Seconds a raw client waits for an answer; a server that waits for the rest of a request
instead of answering never sends one."""


@dataclass
class Served:
    api: ApiProcess
    token: str

    @property
    def client(self) -> httpx.Client:
        return httpx.Client(base_url=self.api.url, timeout=60)

    def exchange(self, *pieces: bytes) -> bytes:
        """Send the pieces of a request on a fresh connection, never finishing what they do not
        finish, and return the answer's status line, headers and body."""
        with socket.create_connection(("127.0.0.1", self.api.port), timeout=ANSWER_WAIT) as sock:
            for piece in pieces:
                sock.sendall(piece)
            return read_answer(sock)

    def peak_memory_kb(self) -> int:
        """The server process's peak resident memory (VmHWM)."""
        assert self.api.process is not None
        status = Path(f"/proc/{self.api.process.pid}/status").read_text(encoding="ascii")
        peak = re.search(r"VmHWM:\s+(\d+) kB", status)
        assert peak, status
        return int(peak.group(1))


def read_answer(sock: socket.socket) -> bytes:
    """One HTTP answer with a Content-Length, read from the socket (whatever came, if the
    server stopped answering or closed)."""
    received = b""
    try:
        while True:
            head, separator, body = received.partition(b"\r\n\r\n")
            length = re.search(rb"content-length: (\d+)", head, re.IGNORECASE)
            if separator and length and len(body) >= int(length.group(1)):
                return received
            chunk = sock.recv(65536)
            if not chunk:
                return received
            received += chunk
    except TimeoutError:
        return received


def status_and_problem(answer: bytes) -> tuple[int, str]:
    """The status of a raw answer and its problem's detail."""
    assert answer, "no answer: the server waited for the rest of the request"
    head, _, body = answer.partition(b"\r\n\r\n")
    assert b"content-type: application/problem+json" in head.lower(), answer[:300]
    return int(head.split(b" ", 2)[1]), httpx.Response(200, content=body).json()["detail"]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """`tsunagari serve` in a process of its own, over a data directory with one token (an
    admin's, which every write route takes)."""
    data_dir = tmp_path_factory.mktemp("served")
    tokens = TokenStore(Settings(data_dir=data_dir).tokens_path)
    token = tokens.create("admin-osaka", Role.ADMIN)
    tokens.close()
    env = {"TSUNAGARI_DATA_DIR": str(data_dir), "TSUNAGARI_BACKEND": "networkx",
           "TSUNAGARI_SEEDS_DIR": str(SEEDS)}
    with ApiProcess(env, data_dir / "api.log") as api:
        yield Served(api, token)


# the request's head


def test_a_head_within_64_kb_is_answered_and_one_past_it_is_refused_431(served: Served) -> None:
    with served.client as client:
        within = client.get("/healthz", headers={"X-Note": "a" * (MAX_HEAD_BYTES - 1000)})
        past = client.get("/healthz", headers={"X-Note": "a" * (MAX_HEAD_BYTES + 1)})
        spread = client.get("/healthz", headers={f"X-Note-{n}": "a" * 1000 for n in range(70)})
    assert within.status_code == 200, within.text
    for refused in (past, spread):
        assert refused.status_code == 431, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.headers["x-content-type-options"] == "nosniff"
        assert f"larger than {MAX_HEAD_BYTES} bytes" in refused.json()["detail"]


def test_a_head_that_never_ends_is_refused_while_it_arrives(served: Served) -> None:
    start = b"GET /healthz HTTP/1.1\r\nHost: tsunagari\r\nX-Note: "
    answer = served.exchange(start, *[b"a" * 100_000] * 10)
    status, detail = status_and_problem(answer)
    assert status == 431 and f"{MAX_HEAD_BYTES} bytes" in detail


def test_a_50_mb_header_is_refused_without_holding_it(served: Served) -> None:
    before = served.peak_memory_kb()
    start = b"GET /healthz HTTP/1.1\r\nHost: tsunagari\r\nX-Note: "
    answer = served.exchange(start, *[b"a" * 1_000_000] * 50, b"\r\n\r\n")
    assert status_and_problem(answer)[0] == 431
    assert served.peak_memory_kb() - before < 10_000, "the server held the header"
    with served.client as client:
        assert client.get("/healthz").status_code == 200


# the body of a write without a valid token


WRITES = [("POST", "/v1/documents"), ("PUT", "/v1/entities/x"), ("POST", "/v1/relations"),
          ("POST", "/v1/entities/jetro/merge"), ("POST", "/v1/documents/d/proposals/p/accept"),
          ("DELETE", "/v1/documents/d"), ("GET", "/v1/audit")]


@pytest.mark.parametrize(("method", "path"), WRITES)
@pytest.mark.parametrize(("authorization", "expected"), [
    (b"", 401), (b"Authorization: Basic abc\r\n", 401), (b"Authorization: Bearer wrong\r\n", 403)])
def test_a_write_without_a_valid_token_is_refused_before_its_body_is_read(
    served: Served, method: str, path: str, authorization: bytes, expected: int
) -> None:
    """The request announces 16 MB and sends one byte: the answer comes all the same. With a
    valid token the same route reads its body (and answers what its route answers)."""
    head = (f"{method} {path} HTTP/1.1\r\nHost: tsunagari\r\nContent-Type: application/json\r\n"
            "Content-Length: 16000000\r\n").encode() + authorization + b"\r\n"
    status, detail = status_and_problem(served.exchange(head, b"{"))
    assert status == expected
    assert ("Bearer <token>" in detail) == (expected == 401), detail
    with served.client as client:
        read = client.request(method, path, json={}, headers={
            "Authorization": f"Bearer {served.token}"})
    assert read.status_code not in (401, 403, 413), read.text


# proposals of one document


@pytest.fixture
def few_proposals(tmp_path: Path) -> Iterator[WriteApi]:
    """The seed graph behind a live API that takes at most 12 proposals per document."""
    store = NetworkxStore(tmp_path / "tsunagari.sqlite3")
    load_seeds(store, SEEDS)
    settings = Settings(data_dir=tmp_path, seeds_dir=SEEDS, max_proposals_per_document=12)
    tokens = TokenStore(settings.tokens_path)
    token, admin_token = tokens.create("desk-osaka"), tokens.create("admin-osaka", Role.ADMIN)
    tokens.close()
    with LiveServer(store, settings) as server, httpx.Client(base_url=server.url,
                                                             timeout=60) as client:
        yield WriteApi(client, token, admin_token, store, tmp_path)
    store.close()


def test_a_document_past_the_proposal_limit_is_refused_and_changes_nothing(
    few_proposals: WriteApi,
) -> None:
    api = few_proposals
    within = api.client.post("/v1/documents", headers=api.auth(), json={
        "text": SECOND_DOCUMENT.splitlines()[5], "id": "sakai-line"})
    assert within.status_code == 201, within.text
    counts = within.json()["proposed"]
    assert 0 < counts["entities"] + counts["relations"] <= 12
    before, audit = state(api), api.client.get("/v1/audit", headers=api.auth()).json()
    response = api.client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai"},
                               headers=api.auth())
    assert response.status_code == 413, response.text
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    counted = re.search(r"proposes (\d+) entities and relations; the limit is 12 per document",
                        problem["detail"])
    assert counted and int(counted.group(1)) > 12, problem["detail"]
    assert "TSUNAGARI_MAX_PROPOSALS_PER_DOCUMENT" in problem["detail"]
    assert f"{counted.group(1)}件" in problem["messages"]["ja"] and "上限は12件" in problem["messages"]["ja"]
    assert state(api) == before
    assert api.client.get("/v1/documents/sakai/proposals").status_code == 404
    assert not (api.data_dir / "documents" / "sakai.txt").exists()
    assert api.client.get("/v1/audit", headers=api.auth()).json() == audit


# invisible format characters


RLO, ZWSP, ZWJ, LRI, BOM = "\u202e", "\u200b", "\u200d", "\u2066", "\ufeff"
ENTITY = {"type": "GovernmentAgency", "name_en": "Osaka desk", "source": "phone call"}


@pytest.mark.parametrize(("body", "field", "character"), [
    ({**ENTITY, "name_en": f"invoice{RLO}txt.exe"}, "name_en", "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ({**ENTITY, "name_ja": f"ジェト{ZWSP}ロ"}, "name_ja", "U+200B (ZERO WIDTH SPACE)"),
    ({**ENTITY, "aliases": ["JETRO", f"JE{ZWJ}TRO"]}, "aliases.1", "U+200D (ZERO WIDTH JOINER)"),
    ({**ENTITY, "description": f"{LRI}desk"}, "description", "U+2066 (LEFT-TO-RIGHT ISOLATE)"),
    ({**ENTITY, "source": f"{BOM}call"}, "source", "U+FEFF (ZERO WIDTH NO-BREAK SPACE)"),
])
def test_a_name_with_an_invisible_character_is_refused_naming_field_and_character(
    writes: WriteApi, body: dict, field: str, character: str
) -> None:
    before = state(writes)
    response = writes.client.put("/v1/entities/osaka-desk", json=body, headers=writes.auth())
    assert response.status_code == 422, response.text
    detail = response.json()["detail"]
    assert detail.startswith(f"body.{field}:") and character in detail, detail
    assert state(writes) == before


def test_titles_edits_and_relation_sources_refuse_invisible_characters(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    before = state(writes)
    title = client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "title": f"a{RLO}b"},
                        headers=auth)
    relation = client.post("/v1/relations", headers=auth, json={
        "type": "PARTNERS_WITH", "from": "jetro", "to": "jica", "source": f"call{ZWSP}"})
    for response, field in ((title, "title"), (relation, "source")):
        assert response.status_code == 422, response.text
        assert response.json()["detail"].startswith(f"body.{field}:")
    assert state(writes) == before
    client.post("/v1/documents", json={"text": SECOND_DOCUMENT, "id": "sakai"}, headers=auth)
    pid = client.get("/v1/documents/sakai/proposals").json()["proposals"][0]["id"]
    edited = client.post(f"/v1/documents/sakai/proposals/{pid}/accept", headers=auth,
                         json={"edits": {"name_en": f"Sakai{ZWJ}"}})
    assert edited.status_code == 422 and "U+200D" in edited.json()["detail"], edited.text
    assert client.get("/v1/documents/sakai/proposals").json()["proposals"][0]["status"] == "proposed"


def test_the_schema_states_the_rule_the_server_enforces(api: httpx.Client) -> None:
    schemas = api.get("/openapi.json").json()["components"]["schemas"]
    pattern = schemas["EntityEdit"]["properties"]["name_en"]["pattern"]
    assert re.fullmatch(pattern, "大阪 Osaka\tdesk")
    for character in (RLO, ZWSP, ZWJ, LRI, BOM, "\U000e0041"):
        assert re.fullmatch(pattern, f"a{character}b") is None, hex(ord(character))


def test_an_uploaded_text_is_kept_without_invisible_characters(writes: WriteApi) -> None:
    hidden = SECOND_DOCUMENT.replace("堺市産業振興センター", f"堺市産業{ZWSP}振興センター", 1)
    text = f"{BOM}{hidden}\n・{RLO}浪速信用金庫{LRI}は堺市と連携する。\n"
    response = writes.client.post("/v1/documents", json={"text": text, "id": "sakai"},
                                  headers=writes.auth())
    assert response.status_code == 201, response.text
    stored = (writes.data_dir / "documents" / "sakai.txt").read_text(encoding="utf-8")
    assert stored.startswith("堺市の中小企業") and "堺市産業振興センターは" in stored
    assert not {RLO, ZWSP, LRI, BOM} & set(stored)
    assert not {RLO, ZWSP, LRI, BOM} & set(json.dumps(response.json(), ensure_ascii=False))
    names = [p["entity"]["name_ja"] for p in response.json()["proposals"] if p["kind"] == "entity"]
    assert "堺市産業振興センター" in names


def test_a_token_name_with_a_hidden_character_is_refused(tmp_path: Path) -> None:
    created = subprocess.run(
        [sys.executable, "-m", "tsunagari.api.cli.commands", "--data-dir", str(tmp_path),
         "token", "create", f"desk{RLO}aksao"], capture_output=True, text=True, timeout=120)
    assert created.returncode == 2, created.stderr
    assert "U+202E (RIGHT-TO-LEFT OVERRIDE)" in created.stderr and "Traceback" not in created.stderr
    tokens = TokenStore(Settings(data_dir=tmp_path).tokens_path)
    assert tokens.tokens() == []
    tokens.close()
