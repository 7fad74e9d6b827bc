"""The API under generated requests: schemathesis reads the app's own OpenAPI and sends
requests, valid and invalid, to every operation of a live server over HTTP.

No answer may be a 500, have a status, content type or body its operation does not
document, or accept what the schema forbids. Writes run with a token on a scratch
embedded store, and again without one, when every write must be refused (401) and
nothing may change. The seed is fixed (derandomized), the example counts bounded.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
import requests
import schemathesis
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from schemathesis import Case, CheckContext, GenerationMode, Response
from schemathesis.schemas import APIOperation, BaseSchema

from tests.support.paths import SEEDS
from tests.support.servers import LiveServer
from tsunagari.api.auth import Role, TokenStore
from tsunagari.api.errors import INVALID_REQUEST, PROBLEM_JSON
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore
from tsunagari.loaders import load_seeds

pytestmark = pytest.mark.slow

EXAMPLES = 80
"""Generated requests per operation with a token (a few thousand in all)."""
UNAUTHENTICATED_EXAMPLES = 30
"""Generated requests per write operation without a token."""
FUZZ = settings(
    max_examples=EXAMPLES,
    derandomize=True,
    database=None,
    deadline=None,
    phases=[Phase.explicit, Phase.generate],
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                           HealthCheck.data_too_large],
)
CONFIG = schemathesis.Config.from_dict({
    "checks": {
        # A schema-valid name that names nothing, or a question the parser cannot read, is
        # answered 422 with suggestions by design; `every_rule_is_in_the_schema` below still
        # fails any schema-valid request that request validation refuses.
        "positive_data_acceptance": {"expected-statuses": ["2xx", "401", "403", "404", "409",
                                                           "422"]},
    },
})


def every_rule_is_in_the_schema(ctx: CheckContext, response: Response, case: Case) -> bool | None:
    """A request the OpenAPI allows is never refused as breaking it: every rule request
    validation applies is stated in the schema (a route's own 422s carry other titles)."""
    if case.meta is None or not case.meta.generation.mode.is_positive:
        return None
    if response.status_code == 422 and response.json().get("title") == INVALID_REQUEST:
        raise AssertionError(f"a schema-valid request was refused: {response.json()['detail']}")
    return None


@dataclass
class FuzzTarget:
    url: str
    token: str

    @property
    def auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


@pytest.fixture(scope="module")
def fuzz_target(tmp_path_factory: pytest.TempPathFactory) -> Iterator[FuzzTarget]:
    """A live API over a scratch embedded store holding the seed graph, with one admin token
    (so that every operation, retraction and merge included, is reached)."""
    data_dir = tmp_path_factory.mktemp("fuzz")
    store = NetworkxStore(data_dir / "tsunagari.sqlite3")
    load_seeds(store, SEEDS)
    server_settings = Settings(data_dir=data_dir, seeds_dir=SEEDS)
    tokens = TokenStore(server_settings.tokens_path)
    token = tokens.create("fuzzer", Role.ADMIN)
    tokens.close()
    with LiveServer(store, server_settings) as server:
        yield FuzzTarget(server.url, token)
    store.close()


@pytest.fixture(scope="module")
def schema(fuzz_target: FuzzTarget) -> BaseSchema:
    return schemathesis.openapi.from_url(f"{fuzz_target.url}/openapi.json", config=CONFIG)


def needs_token(operation: APIOperation) -> bool:
    return bool(operation.definition.raw.get("security"))


def fuzz(
    schema: BaseSchema, examples: int, call: Callable[[Case], None],
    only: Callable[[APIOperation], bool] = lambda _: True,
) -> tuple[int, int, list[str]]:
    """Run `call` on generated cases of every chosen operation; (operations, requests,
    failures), each failure naming its operation."""
    operations, sent, failures = 0, 0, []
    for result in schema.get_all_operations():
        operation = result.ok()
        if not only(operation):
            continue
        operations += 1
        cases = st.one_of([operation.as_strategy(generation_mode=mode) for mode in GenerationMode])

        @settings(FUZZ, max_examples=examples)
        @given(case=cases)
        def run(case: Case) -> None:
            nonlocal sent
            sent += 1
            call(case)

        try:
            run()
        # Every operation is fuzzed, then all failures are reported (schemathesis groups the
        # failures of one operation in an exception group that is not an Exception).
        except (Exception, BaseExceptionGroup) as exc:
            failures.append(f"{operation.label}: {exc}")
    return operations, sent, failures


def token_unless_left_out(case: Case, target: FuzzTarget) -> dict[str, str]:
    """The token for every request, except an invalid one generated without it: that one
    tests that a missing token is refused, and must go out as generated."""
    invalid = case.meta is not None and not case.meta.generation.mode.is_positive
    if invalid and "authorization" not in {name.lower() for name in case.headers or {}}:
        return {}
    return target.auth


def health(server: FuzzTarget) -> tuple[object, ...]:
    body = requests.get(f"{server.url}/healthz", timeout=30).json()
    documents = requests.get(f"{server.url}/v1/documents", timeout=30).json()
    audit = requests.get(f"{server.url}/v1/audit", headers=server.auth, timeout=30).json()
    return body["version"], body["entities"], body["relations"], documents, audit


def test_no_request_breaks_the_api(schema: BaseSchema, fuzz_target: FuzzTarget) -> None:
    session = requests.Session()

    def call(case: Case) -> None:
        case.call_and_validate(headers=token_unless_left_out(case, fuzz_target), session=session,
                               timeout=60, additional_checks=[every_rule_is_in_the_schema])

    started = time.monotonic()
    operations, sent, failures = fuzz(schema, EXAMPLES, call)
    print(f"fuzzed {operations} operations with {sent} requests in "
          f"{time.monotonic() - started:.0f} s")
    assert operations >= 24 and sent > 1500
    assert not failures, "\n\n".join(failures)


def test_no_write_without_a_token(schema: BaseSchema, fuzz_target: FuzzTarget) -> None:
    session = requests.Session()
    before = health(fuzz_target)

    def call(case: Case) -> None:
        case.headers = {k: v for k, v in (case.headers or {}).items()
                        if k.lower() != "authorization"}
        response = case.call(session=session, timeout=60)
        case.validate_response(response)
        assert response.headers["content-type"] == [PROBLEM_JSON]
        if case.meta is not None and case.meta.generation.mode.is_positive:
            assert response.status_code == 401, response.text
            assert response.headers["www-authenticate"] == ["Bearer"]
        else:  # a malformed body may be refused before the token is asked for
            assert response.status_code in (400, 401, 422), response.text

    operations, sent, failures = fuzz(schema, UNAUTHENTICATED_EXAMPLES, call, only=needs_token)
    print(f"fuzzed {operations} write operations without a token with {sent} requests")
    assert operations >= 10 and sent > 200
    assert not failures, "\n\n".join(failures)
    assert health(fuzz_target) == before
