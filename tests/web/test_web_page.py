"""The web page at `/`, over HTTP and in headless Debian Chromium driven by playwright.

The browser tests record every request the page makes and every console error;
none may reach a host other than the app, and none may be logged. Screenshots go
to `test-output/web/`. Without Chromium (or playwright) the browser tests skip,
loudly, except under CI=true, where they fail.
"""

from __future__ import annotations

import os
import re
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import httpx
import pytest
import pyvis

from tests.support.paths import ROOT, SEEDS
from tests.support.referrals import FIRM, referral_desk
from tests.support.servers import LiveServer
from tsunagari.api.settings import Settings
from tsunagari.graph.embedded import NetworkxStore

pytestmark = pytest.mark.browser

try:
    from playwright.sync_api import expect, sync_playwright

    HAVE_PLAYWRIGHT = True
except ImportError:
    HAVE_PLAYWRIGHT = False

if TYPE_CHECKING:
    from playwright.sync_api import Browser, ConsoleMessage, Error, Page, Request, ViewportSize

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run",
]
SCREENSHOTS = ROOT / "test-output" / "web"
QUESTION = "who connects an Osaka machinist to Dong Nai?"
ASK_BUTTON = {"en": "Ask", "ja": "質問する"}
QUESTION_LABEL = {"en": "Question", "ja": "質問"}
EXPECTED_HTTP_ERROR = re.compile(r"Failed to load resource: .* status of 4\d\d")
DESKTOP: ViewportSize = {"width": 1440, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}
GOVERNMENT_AGENCY_RGB = (0xD1, 0x49, 0x5B)


@pytest.fixture(scope="module")
def api(
    nx_seed_store: NetworkxStore, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[httpx.Client]:
    """The page over the embedded store only: the page is the same on either store, and the
    stores' answers are compared by the contract suite."""
    settings = Settings(data_dir=tmp_path_factory.mktemp("web"), seeds_dir=SEEDS)
    with LiveServer(nx_seed_store, settings) as server, httpx.Client(
        base_url=server.url, timeout=30
    ) as client:
        yield client


# --- the page and its data over plain HTTP -------------------------------------------------


def test_page_is_served_with_only_same_origin_assets(api: httpx.Client) -> None:
    response = api.get("/")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/html")
    assert "default-src 'self'" in response.headers["content-security-policy"]
    assets = re.findall(r'(?:src|href)="([^"#]+)"', response.text)
    assert assets
    for asset in assets:
        assert asset.startswith("/") and not asset.startswith("//"), asset
        assert api.get(asset).status_code == 200, asset


def test_vis_network_is_served_from_the_installed_pyvis_package(api: httpx.Client) -> None:
    served = api.get("/web/vendor/vis-network.min.js")
    assert served.status_code == 200
    shipped = list((Path(pyvis.__file__).parent / "lib").glob("vis-*/vis-network.min.js"))
    assert served.content in {path.read_bytes() for path in shipped}
    assert not list((ROOT / "api").rglob("vis-network*")), "vis-network is not copied into the repo"
    assert api.get("/web/vendor/anything.js").status_code == 404


def test_graph_view_of_a_neighbourhood(api: httpx.Client) -> None:
    view = api.get("/v1/graph/view", params={"center": "kinki-meti", "lang": "ja"}).json()
    ids = {node["id"] for node in view["nodes"]}
    assert "kinki-meti" in ids and len(ids) > 3
    assert {n["label"] for n in view["nodes"] if n["id"] == "kinki-meti"} == {"近畿経済産業局"}
    assert all(edge["from"] in ids and edge["to"] in ids for edge in view["edges"])
    assert {entry["type"] for entry in view["legend"]} == {node["type"] for node in view["nodes"]}
    assert view["options"]["physics"]["enabled"] is True


def test_graph_view_of_the_relations_of_an_answer(api: httpx.Client) -> None:
    chains = api.get("/v1/ask", params={"q": QUESTION}).json()["chains"]
    relation_ids = {step["via"]["id"] for chain in chains for step in chain["steps"] if step["via"]}
    view = api.get("/v1/graph/view", params={"relations": ",".join(sorted(relation_ids))}).json()
    assert {edge["id"] for edge in view["edges"]} == relation_ids
    chain_entities = {step["entity"]["id"] for chain in chains for step in chain["steps"]}
    assert {node["id"] for node in view["nodes"]} == chain_entities


def test_graph_view_of_the_whole_graph(api: httpx.Client) -> None:
    """The whole view is the support network: every organisation, and the places where one
    stands or that act (the reference municipalities nothing stands in are left out)."""
    everything = api.get("/v1/graph").json()
    view = api.get("/v1/graph/view").json()
    drawn = {node["id"] for node in view["nodes"]}
    organisations = {e["id"] for e in everything["nodes"] if e["type"] != "Place"}
    assert organisations <= drawn
    assert {"dong-nai", "kansai", "vietnam", "suwa"} <= drawn
    assert not {"esashi-town-013617", "ca-mau"} & drawn
    assert len(drawn) < len(everything["nodes"])
    assert all(edge["from"] in drawn and edge["to"] in drawn for edge in view["edges"])


@pytest.mark.parametrize(
    ("params", "status"),
    [
        ({"relations": "no-such--supports--relation"}, 404),
        ({"relations": "a", "center": "jetro"}, 422),
        ({"center": "no such place at all"}, 422),
        ({"center": "jetro", "depth": 9}, 422),
    ],
)
def test_graph_view_errors_are_problem_json(
    api: httpx.Client, params: dict[str, Any], status: int
) -> None:
    response = api.get("/v1/graph/view", params=params)
    assert response.status_code == status
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["detail"]


# --- the page in Chromium -------------------------------------------------------------------


def _browser_missing(what: str) -> None:
    message = f"the web page browser tests need {what}"
    if os.environ.get("CI") == "true":
        pytest.fail(f"{message}; CI=true, so this is a failure, not a skip")
    warnings.warn(message, stacklevel=2)
    pytest.skip(f"SKIPPED, NOT PASSED: {message}")


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        _browser_missing(f"Debian chromium at {CHROMIUM}: apt-get install chromium")
    if not HAVE_PLAYWRIGHT:
        _browser_missing("the playwright package (`pip install -e '.[test]'`)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@dataclass
class Visit:
    """One browser tab on the app, with everything it requested and logged."""

    page: Page
    origin: str
    name: str
    requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    allow_http_errors: bool = False

    def __post_init__(self) -> None:
        self.page.on("request", self._on_request)
        self.page.on("console", self._on_console)
        self.page.on("pageerror", self._on_page_error)

    def _on_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def _on_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.console_errors.append(message.text)

    def _on_page_error(self, error: Error) -> None:
        self.console_errors.append(f"uncaught: {error}")

    def shot(self, step: str) -> None:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        self.page.screenshot(path=SCREENSHOTS / f"{self.name}-{step}.png", full_page=True)

    def outside_requests(self) -> list[str]:
        origin = urlsplit(self.origin)
        return [
            url for url in self.requests
            if urlsplit(url).scheme not in {"data", "blob", "about"}
            and urlsplit(url)[:2] != origin[:2]
        ]

    def unexpected_console_errors(self) -> list[str]:
        return [
            text for text in self.console_errors
            if not (self.allow_http_errors and EXPECTED_HTTP_ERROR.search(text))
        ]

    def assert_offline_and_clean(self) -> None:
        assert self.requests, "no request was recorded"
        assert not self.outside_requests(), self.outside_requests()
        assert not self.unexpected_console_errors(), self.unexpected_console_errors()

    def wait_for_graph(self, nodes: int | None = None) -> int:
        graph = self.page.locator("#graph")
        expect(graph).to_have_attribute("data-state", "ready", timeout=30_000)
        if nodes is not None:
            expect(graph).to_have_attribute("data-nodes", str(nodes))
        expect(graph.locator("canvas")).to_have_count(1)
        return int(graph.get_attribute("data-nodes") or 0)


@pytest.fixture
def open_page(
    browser: Browser, api: httpx.Client, request: pytest.FixtureRequest
) -> Iterator[Callable[..., Visit]]:
    """Opens the app in a fresh browser context; checks requests and console at the end."""
    visits: list[Visit] = []

    def open_(path: str = "/", viewport: ViewportSize = DESKTOP) -> Visit:
        page = browser.new_context(viewport=viewport, locale="en-US").new_page()
        name = re.sub(r"\W+", "-", request.node.name).strip("-")
        visit = Visit(page, str(api.base_url), f"{name}-{viewport['width']}")
        visits.append(visit)
        page.goto(visit.origin + path)
        expect(page.locator("#about")).not_to_be_empty()
        return visit

    yield open_
    for visit in visits:
        visit.page.context.close()
    for visit in visits:
        visit.assert_offline_and_clean()


def _ask(page: Page, question: str) -> None:
    language = page.evaluate("document.documentElement.lang")
    page.get_by_label(QUESTION_LABEL[language], exact=True).fill(question)
    page.get_by_role("button", name=ASK_BUTTON[language], exact=True).click()


COLOUR_CENTRE = """([r, g, b]) => {
    const canvas = document.querySelector('#graph canvas');
    const { data, width, height } = canvas.getContext('2d')
        .getImageData(0, 0, canvas.width, canvas.height);
    let count = 0, sx = 0, sy = 0;
    for (let i = 0; i < data.length; i += 4) {
        const [pr, pg, pb] = data.subarray(i, i + 3);
        if (Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < 6) {
            count += 1; sx += (i / 4) % width; sy += Math.floor(i / 4 / width);
        }
    }
    if (count < 20) return null;
    const box = canvas.getBoundingClientRect();
    return { x: box.left + (sx / count) * box.width / width,
             y: box.top + (sy / count) * box.height / height };
}"""
"""Page coordinates of the centre of the graph's pixels in one colour, or null when none."""


def test_a_support_desk_question_end_to_end(
    open_page: Callable[..., Visit], api: httpx.Client
) -> None:
    visit = open_page()
    page = visit.page
    _ask(page, QUESTION)

    chains = page.locator("ol.chains > li")
    expect(chains.first).to_be_visible()
    answer = api.get("/v1/ask", params={"q": QUESTION}).json()
    expect(page.locator(".intent-chip")).to_have_text("Referral")
    expect(page.locator(".advice")).to_have_text(answer["answer"]["advice"]["en"])
    items = page.locator("ol.items > li")
    expect(items).to_have_count(len(answer["answer"]["items"]))
    expect(items.first.locator(".role-chip")).to_have_text("First contact")
    expect(items.first.locator(".entity-link")).to_have_text(
        answer["answer"]["items"][0]["entity"]["name_en"])
    expect(chains).to_have_count(len(answer["chains"]))
    first = chains.first
    expect(first.locator(".step .role-chip").first).to_have_text("First contact")
    expect(first.locator(".step .role-chip").last).to_have_text("Receiver")
    ended = [step for chain in answer["chains"] for step in chain["steps"] if step["ended"]]
    assert ended, "the seed answer holds a relation whose period has ended"
    expect(page.locator(".period.ended").first).to_contain_text("ended")
    expect(page.locator(".stated").first).to_have_text("source of May 2015")
    expect(first.locator(".explanation")).to_have_text(answer["chains"][0]["explanation"]["en"])
    first.locator("summary").first.click()
    quote = first.locator("blockquote").first
    expect(quote).to_be_visible()
    evidence = answer["chains"][0]["steps"][1]["via"]["evidence"][0]
    expect(quote).to_have_text(evidence["quote"])
    expect(first.locator(".source").first).to_contain_text(evidence["locator"])
    assert visit.wait_for_graph() > 0
    visit.shot("1-answer")

    organisation = answer["chains"][0]["steps"][-1]["entity"]
    first.get_by_role("link", name=organisation["name_en"]).click()
    expect(page.locator("#entity-title")).to_have_text(organisation["name_en"])
    expect(page.locator("#entity .relation-group").first).to_be_visible()
    expect(page.locator("#entity blockquote").first).not_to_be_empty()
    assert page.evaluate("location.hash") == f"#entity/{organisation['id']}"
    visit.shot("2-organisation")

    page.get_by_role("button", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("tab", name="質問する")).to_be_visible()
    expect(page.get_by_role("heading", name="ネットワーク図")).to_be_visible()
    expect(page.locator("#entity-title")).to_have_text(organisation["name_ja"])
    expect(first.locator(".explanation")).to_have_text(answer["chains"][0]["explanation"]["ja"])
    expect(page.locator(".intent-chip")).to_have_text("紹介ルート")
    expect(page.locator(".advice")).to_have_text(answer["answer"]["advice"]["ja"])
    expect(items.first.locator(".role-chip")).to_have_text("最初の相談先")
    expect(page.locator(".period.ended").first).to_contain_text("終了")
    expect(page.locator(".stated").first).to_have_text("2015年5月時点の資料")
    visit.shot("3-japanese")

    page.reload()
    expect(page.get_by_role("tab", name="質問する")).to_be_visible()
    expect(page.locator("#entity-title")).to_have_text(organisation["name_ja"])
    visit.assert_offline_and_clean()


def test_choosing_a_chain_highlights_it_and_clicking_a_node_opens_it(
    open_page: Callable[..., Visit], api: httpx.Client
) -> None:
    chains = api.get("/v1/ask", params={"q": QUESTION}).json()["chains"]
    index, agency = next(
        (i, step["entity"]) for i, chain in enumerate(chains) for step in chain["steps"]
        if step["entity"]["type"] == "GovernmentAgency"
    )
    assert index > 0, "the test needs a government agency outside the first chain"
    visit = open_page()
    page = visit.page
    _ask(page, QUESTION)
    visit.wait_for_graph()
    rgb = list(GOVERNMENT_AGENCY_RGB)
    assert page.evaluate(COLOUR_CENTRE, rgb) is None, "only the chosen chain is in colour"

    button = page.locator("ol.chains > li").nth(index).get_by_role("button", name="Show in graph")
    button.click()
    expect(page.locator("ol.chains > li").nth(index).locator("[aria-pressed=true]")).to_be_visible()
    centre = page.wait_for_function(COLOUR_CENTRE, arg=rgb).json_value()
    visit.shot("chain-highlighted")

    page.mouse.click(centre["x"], centre["y"])
    expect(page.locator("#entity-title")).to_have_text(agency["name_en"])


def test_the_whole_seed_graph_draws_and_the_page_stays_responsive(
    open_page: Callable[..., Visit], api: httpx.Client
) -> None:
    entities = len(api.get("/v1/graph/view").json()["nodes"])
    visit = open_page()
    page = visit.page
    page.get_by_role("button", name="Draw the whole graph").click()
    page.get_by_role("tab", name="Search").click()
    page.get_by_label("Name", exact=True).fill("JETRO")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator(".hit").first).to_contain_text("Japan External Trade Organization")
    assert visit.wait_for_graph(entities) == entities
    expect(page.locator("#legend li")).to_have_count(11)
    page.locator(".hit .entity-link").first.click()
    expect(page.locator("#entity-title")).to_have_text("Japan External Trade Organization")
    expect(page.locator("#graph")).to_have_attribute("data-nodes", str(entities))
    visit.shot("whole-graph")


def test_search_by_any_name_and_the_hubs_view(open_page: Callable[..., Visit]) -> None:
    visit = open_page()
    page = visit.page
    page.get_by_role("tab", name="Search").click()
    page.get_by_label("Name", exact=True).fill("Đồng Nai")
    page.get_by_role("button", name="Search", exact=True).click()
    first = page.locator(".hit").first
    expect(first.locator(".entity-link")).to_have_text("Dong Nai Province")
    first.locator(".entity-link").click()
    expect(page.locator("#entity-title")).to_have_text("Dong Nai Province")
    assert visit.wait_for_graph() > 1

    page.get_by_role("tab", name="Hubs").click()
    page.get_by_label("Rank by").select_option("brokerage")
    page.get_by_role("button", name="Rank").click()
    hubs = page.locator(".hub")
    expect(hubs.first).to_be_visible()
    expect(hubs.first.locator(".bridges dt").first).to_be_visible()
    visit.shot("hubs")


def test_the_connect_form_with_filters(open_page: Callable[..., Visit]) -> None:
    visit = open_page()
    page = visit.page
    page.get_by_text("Or set origin, destination and filters yourself").click()
    page.get_by_label("From").fill("大阪府")
    page.get_by_label("To", exact=True).fill("Dong Nai")
    page.get_by_label("Sector").select_option("machining")
    page.get_by_label("Entry point").select_option("people")
    page.get_by_role("button", name="Connect", exact=True).click()
    expect(page.locator("ol.chains > li").first).to_be_visible()
    understood = page.locator(".understood")
    expect(understood).to_contain_text("Osaka Prefecture")
    expect(understood).to_contain_text("People")
    visit.wait_for_graph()
    visit.shot("connect")


def test_errors_and_empty_results_are_messages(open_page: Callable[..., Visit]) -> None:
    visit = open_page("/#entity/no-such-entity")
    visit.allow_http_errors = True
    page = visit.page
    expect(page.locator("#entity [role=alert]")).to_contain_text("no entity with id")

    _ask(page, "hello")
    alert = page.locator("#answer [role=alert]")
    expect(alert).to_contain_text("The question was not understood")
    suggested = alert.locator(".suggestion-list button")
    assert suggested.count() >= 3
    question = suggested.first.inner_text()
    suggested.first.click()
    expect(page.get_by_label("Question")).to_have_value(question)
    expect(page.locator(".advice")).not_to_be_empty()
    expect(page.locator("ol.items > li").first).to_be_visible()

    page.get_by_role("button", name="日本語").click()
    _ask(page, "ほげほげ")
    alert = page.locator("#answer [role=alert]")
    expect(alert).to_contain_text("質問を解釈できませんでした")
    expect(alert.locator(".message-detail")).to_have_text(
        "ご質問の意図を読み取れませんでした。たとえば次のように尋ねてください。")
    assert not re.search(r"[A-Za-z]{4,}", alert.inner_text()), "no English in a Japanese error"
    expect(alert.locator(".suggestion-list button").first).to_contain_text("？")
    page.get_by_role("button", name="English").click()

    page.get_by_role("tab", name="Search").click()
    page.get_by_label("Name", exact=True).fill("zzqqxxjj")
    page.get_by_role("button", name="Search", exact=True).click()
    expect(page.locator("#search-results")).to_contain_text("Nothing matches")
    visit.shot("errors")


def test_keyboard_only(open_page: Callable[..., Visit]) -> None:
    visit = open_page()
    page = visit.page
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to the tools")).to_be_focused()
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    expect(page.get_by_role("tab", name="Ask")).to_be_focused()
    page.keyboard.press("ArrowRight")
    expect(page.get_by_role("tab", name="Search")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("Tab")
    expect(page.get_by_label("Name", exact=True)).to_be_focused()
    page.keyboard.type("JETRO")
    page.keyboard.press("Enter")
    link = page.locator(".hit .entity-link").first
    expect(link).to_be_visible()
    link.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#entity-title")).to_be_focused()


def test_a_narrow_screen(open_page: Callable[..., Visit]) -> None:
    visit = open_page(viewport=PHONE)
    page = visit.page
    visit.shot("1-start")
    _ask(page, "大阪の機械加工の町工場をドンナイ省につなぐのは？")
    expect(page.locator("ol.chains > li").first).to_be_visible()
    page.locator("ol.chains summary").first.click()
    visit.wait_for_graph()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    visit.shot("2-answer")
    page.locator("ol.chains .entity-link").first.click()
    expect(page.locator("#entity-title")).to_be_in_viewport()
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    visit.shot("3-organisation")


@pytest.mark.parametrize(("path", "operation"), [
    ("/docs", ".opblock-summary-path[data-path='/v1/ask']"),
    ("/redoc", "[data-section-id='tag/queries/operation/ask_route_v1_ask_get']"),
])
def test_the_api_documentation_pages_work_offline(
    browser: Browser, api: httpx.Client, path: str, operation: str
) -> None:
    """Swagger UI and ReDoc draw the routes with scripts served by the app itself: nothing
    is requested from another host, and the strict policy refuses nothing they need."""
    page = browser.new_context(viewport=DESKTOP).new_page()
    visit = Visit(page, str(api.base_url), f"api-docs-{path.strip('/')}")
    try:
        page.goto(visit.origin + path)
        expect(page.locator(operation).first).to_be_attached(timeout=30_000)
        visit.shot("drawn")
    finally:
        page.context.close()
    visit.assert_offline_and_clean()
    assert "script-src 'self' " in api.get(path).headers["content-security-policy"]


def test_an_organisation_lists_its_services_with_their_terms(
        open_page: Callable[..., Visit], api: httpx.Client) -> None:
    services = api.get("/v1/entities/jetro").json()["services"]
    survey = next(s for s in services if s["id"] == "jetro-fs-local-additional-survey")
    visit = open_page("/#entity/jetro")
    page = visit.page
    cards = page.locator("#entity .service")
    expect(cards).to_have_count(len(services))
    card = cards.filter(has_text=survey["name_en"])
    expect(card.locator("dd").first).to_contain_text("¥500,000")
    expect(card.locator("summary")).to_be_visible()
    page.get_by_role("button", name="日本語").click()
    card_ja = page.locator("#entity .service").filter(has_text=survey["name_ja"])
    expect(card_ja.locator("dt").first).to_have_text("費用・補助")
    card_ja.scroll_into_view_if_needed()
    visit.shot("services")


def _desk_page(browser: Browser, origin: str, name: str, token: str) -> Visit:
    page = browser.new_context(viewport=DESKTOP, locale="en-US").new_page()
    visit = Visit(page, origin, name)
    page.goto(origin + "/")
    expect(page.locator("#about")).not_to_be_empty()
    page.get_by_role("tab", name="Referrals").click()
    page.get_by_label("Your desk's token").fill(token)
    page.get_by_role("button", name="Open my boxes").click()
    return visit


def test_refer_from_a_chain_and_close_the_loop(browser: Browser, tmp_path: Path) -> None:
    store = NetworkxStore(tmp_path / "tsunagari.sqlite3")
    with referral_desk(store, tmp_path) as desk:
        origin = str(desk.client.base_url).rstrip("/")
        sender = _desk_page(browser, origin, "referral-sender", desk.tokens["sender"])
        page = sender.page
        expect(page.locator("#referrals")).to_contain_text("No referrals in this box.")
        page.get_by_role("tab", name="Ask").click()
        page.locator("#connect-details summary").click()
        page.get_by_label("From", exact=True).fill("MOBIO")
        page.get_by_label("To", exact=True).fill("JETRO")
        page.get_by_role("button", name="Connect", exact=True).click()
        first = page.locator(".chain").first
        first.get_by_role("button", name="Refer a firm").click()
        expect(page.locator(".refer-form")).to_contain_text("Japan External Trade Organization")
        page.get_by_label("Firm", exact=True).fill(FIRM["name"])
        page.get_by_label("Municipality").fill(FIRM["municipality"])
        page.get_by_label("The firm agreed").check()
        page.get_by_role("button", name="Send the referral").click()
        card = page.locator(".referral").first
        expect(card).to_contain_text(FIRM["name"])
        expect(card.locator(".status-chip")).to_have_text("Sent")
        sender.shot("sent")

        receiver = _desk_page(browser, origin, "referral-receiver", desk.tokens["receiver"])
        inbox = receiver.page.locator(".referral").first
        expect(inbox).to_contain_text(FIRM["name"])
        inbox.get_by_role("button", name="Accept").click()
        expect(receiver.page.locator(".referral .status-chip").first).to_have_text("Accepted")
        receiver.page.locator(".referral").first.get_by_role("button", name="Close: helped").click()
        expect(receiver.page.locator(".referral .status-chip").first).to_have_text("Helped")
        receiver.shot("closed")

        page.get_by_role("button", name="Sent", exact=True).click()
        expect(page.locator(".referral .status-chip").first).to_have_text("Helped")
        page.locator(".referral details summary").first.click()
        expect(page.locator(".referral .history li")).to_have_count(3)
        page.get_by_role("button", name="日本語").click()
        expect(page.locator(".referral .status-chip").first).to_have_text("支援できた")
        sender.shot("outcome")
        for visit in (sender, receiver):
            visit.page.context.close()
            visit.assert_offline_and_clean()
    store.close()
