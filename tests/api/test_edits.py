"""Direct staff edits over HTTP: entities and relations, deletion rules, merging."""

from __future__ import annotations

from tests.support.servers import WriteApi, state

SOURCE = {"source": "電話確認 2026-11 (desk note)"}


def test_edits_need_a_token(writes: WriteApi) -> None:
    before = state(writes)
    body = {"type": "NPO", "name_ja": "堺ものづくり協会", **SOURCE}
    assert writes.client.put("/v1/entities/sakai-monozukuri", json=body).status_code == 401
    assert writes.client.put("/v1/entities/sakai-monozukuri", json=body,
                             headers=writes.auth("bad")).status_code == 403
    assert writes.client.post("/v1/entities/jetro/merge", json={"drop": "jica", **SOURCE}
                              ).status_code == 401
    assert state(writes) == before


def test_create_edit_relate_and_delete(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    created = client.put("/v1/entities/sakai-monozukuri", headers=auth, json={
        "type": "NPO", "name_ja": "堺ものづくり協会", "country": "jp", **SOURCE})
    assert created.status_code == 200, created.text
    related = client.post("/v1/relations", headers=auth, json={
        "type": "PARTNERS_WITH", "from": "sakai-monozukuri", "to": "kinki-meti", **SOURCE})
    assert related.status_code == 201, related.text
    entity = client.get("/v1/entities/sakai-monozukuri").json()
    assert entity["country"] == "JP"
    assert [r["id"] for r in entity["relations"]] == [related.json()["relation"]["id"]]
    assert entity["relations"][0]["evidence"][0]["quote"] == SOURCE["source"]
    chains = client.get("/v1/paths", params={"source": "sakai-monozukuri",
                                             "target": "kansai-vietnam-council"}).json()["chains"]
    assert chains and chains[0]["steps"][1]["entity"]["id"] == "kinki-meti"

    renamed = client.put("/v1/entities/kinki-meti", headers=auth, json={
        "type": "GovernmentAgency", "name_ja": "近畿経済産業局", "name_en": "METI Kansai", **SOURCE})
    assert renamed.status_code == 200
    assert client.get("/v1/entities/kinki-meti").json()["name_en"] == "METI Kansai"

    curated = client.delete("/v1/entities/kinki-meti", headers=auth)
    assert curated.status_code == 409 and "000_4a12a5157f8c4e5f" in curated.json()["detail"]
    relation_id = related.json()["relation"]["id"]
    assert client.delete(f"/v1/relations/{relation_id}", headers=auth).status_code == 200
    assert client.delete("/v1/entities/sakai-monozukuri", headers=auth).status_code == 200
    assert client.get("/v1/entities/sakai-monozukuri").status_code == 404
    actions = [e["action"] for e in client.get("/v1/audit", headers=auth).json()["entries"]]
    assert actions[:3] == ["delete-entity", "delete-relation", "put-entity"]


def test_bad_edits_are_refused(writes: WriteApi) -> None:
    client, auth = writes.client, writes.auth()
    before = state(writes)
    assert client.put("/v1/entities/x", headers=auth, json={"type": "Castle", "name_ja": "城",
                                                            **SOURCE}).status_code == 422
    assert client.put("/v1/entities/x", headers=auth, json={"type": "NPO", "name_ja": "x"}
                      ).status_code == 422
    assert client.put("/v1/entities/Bad Id", headers=auth, json={"type": "NPO", "name_ja": "x",
                                                                 **SOURCE}).status_code == 422
    assert client.post("/v1/relations", headers=auth, json={
        "type": "LIVES_IN", "from": "jetro", "to": "jica", **SOURCE}).status_code == 422
    assert client.post("/v1/relations", headers=auth, json={
        "type": "SUPPORTS", "from": "jetro", "to": "narnia", **SOURCE}).status_code == 404
    assert state(writes) == before


def test_merge_keeps_names_relations_and_evidence(writes: WriteApi) -> None:
    client = writes.client
    keep_before = client.get("/v1/entities/hanoi-industrial-college").json()
    drop_before = client.get("/v1/entities/haui").json()
    merged = client.post("/v1/entities/haui/merge", headers=writes.admin(),
                         json={"drop": "hanoi-industrial-college", **SOURCE})
    assert merged.status_code == 200, merged.text
    assert client.get("/v1/entities/hanoi-industrial-college").status_code == 404
    after = client.get("/v1/entities/haui").json()
    assert keep_before["name_ja"] in after["aliases"]
    assert after["name_ja"] == drop_before["name_ja"]
    moved = {r["id"].replace("hanoi-industrial-college", "haui") for r in keep_before["relations"]}
    assert moved <= {r["id"] for r in after["relations"]}
    quotes = {e["quote"] for e in after["evidence"]}
    assert {e["quote"] for e in keep_before["evidence"]} <= quotes
