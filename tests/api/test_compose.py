"""docker-compose.yml and the Dockerfile agree with the settings the code reads."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

import yaml

from tests.support.paths import ROOT
from tsunagari.api.settings import Settings

COMPOSE = yaml.safe_load((ROOT / "docker-compose.yml").read_text(encoding="utf-8"))
PREFIX = "TSUNAGARI_"


def resolved(value: str) -> str:
    """A compose value with its ${VAR:-default} substitutions at their defaults."""
    return re.sub(r"\$\{\w+:-([^}]*)\}", r"\1", str(value))


def test_neo4j_service_is_5_26_community_with_a_health_check() -> None:
    neo4j = COMPOSE["services"]["neo4j"]
    assert neo4j["image"] == "neo4j:5.26-community"
    assert "cypher-shell" in " ".join(neo4j["healthcheck"]["test"])
    assert any(v.endswith(":/data") for v in neo4j["volumes"])


def test_api_waits_for_a_healthy_neo4j_and_serves_the_seeds() -> None:
    api = COMPOSE["services"]["api"]
    assert api["depends_on"]["neo4j"]["condition"] == "service_healthy"
    assert "tsunagari load" in " ".join(api["command"])
    assert (ROOT / "Dockerfile").is_file()
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    for folder in ("graph", "loaders", "queries", "api", "seeds"):
        assert f"COPY {folder} {folder}" in dockerfile


def test_every_variable_is_a_setting_and_the_values_parse() -> None:
    environment = COMPOSE["services"]["api"]["environment"]
    fields = {f"{PREFIX}{name.upper()}" for name in Settings.model_fields}
    assert set(environment) <= fields, set(environment) - fields
    settings = Settings(
        **{k.removeprefix(PREFIX).lower(): resolved(v) for k, v in environment.items()}
    )
    assert settings.backend == "neo4j"
    assert settings.host == "0.0.0.0"

    neo4j = COMPOSE["services"]["neo4j"]
    uri = urlsplit(settings.neo4j_uri)
    assert uri.hostname == "neo4j"
    assert any(port.endswith(f":{uri.port}:{uri.port}") for port in neo4j["ports"])
    assert any(port.endswith(f":{settings.port}:{settings.port}")
               for port in COMPOSE["services"]["api"]["ports"])
    auth_user, auth_password = resolved(neo4j["environment"]["NEO4J_AUTH"]).split("/", 1)
    assert (settings.neo4j_user, settings.neo4j_password) == (auth_user, auth_password)
    assert environment["TSUNAGARI_NEO4J_PASSWORD"] == neo4j["environment"]["NEO4J_AUTH"].split(
        "/", 1
    )[1]
