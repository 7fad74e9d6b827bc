"""The `tsunagari` command: load documents, import directories, serve the API, ask, connect,
hubs, search, export."""

from __future__ import annotations

import getpass
import json
import os
import sys
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path

import click

from tsunagari.api.audit import AuditLog
from tsunagari.api.auth import Role, TokenRefused, TokenStore, token_organisation
from tsunagari.api.cli.serving import DataDirectoryInUse, serving
from tsunagari.api.cli.tables import render_answer, render_chains, render_table
from tsunagari.api.reads import this_month
from tsunagari.api.settings import Settings
from tsunagari.api.stores import open_store
from tsunagari.graph import ApplyReport, EntityType, EntryPoint, GraphStore, Stage, StoreUnavailable
from tsunagari.loaders import (
    AnnotationError,
    DirectoryError,
    Document,
    DocumentError,
    MergeJournal,
    PlacesError,
    ReviewQueue,
    WriteRefused,
    Writes,
    extract,
    read_directory_path,
    read_seed,
    sources_of,
)
from tsunagari.loaders.synth import MIN_NODES, synthesize, write_synthetic
from tsunagari.queries import (
    METRICS,
    NameIndex,
    QueryError,
    QuestionNotUnderstood,
    ask,
    connect,
    graph_json,
    hubs,
)
from tsunagari.queries.desk import language_of
from tsunagari.queries.views import graphml_chunks, hsds_files, sorted_entities, sorted_relations

EXIT_REFUSED, EXIT_UNAVAILABLE = 2, 3
WHOLE = 10_000
"""A column width no name or quote reaches: the extract tables cut nothing."""


def _progress(step: str, count: int) -> None:
    click.echo(f"  {step}: {count}", err=True)


@contextmanager
def store_of(settings: Settings) -> Iterator[GraphStore]:
    """The configured store; input and store errors end the command with a clear message."""
    try:
        store = open_store(settings)
    except StoreUnavailable as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNAVAILABLE)
    try:
        yield store
    except (QueryError, AnnotationError, PlacesError, DirectoryError, WriteRefused) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_REFUSED)
    except StoreUnavailable as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_UNAVAILABLE)
    finally:
        store.close()


@click.group()
@click.option("--data-dir", type=click.Path(path_type=Path), help="Overrides TSUNAGARI_DATA_DIR.")
@click.option("--backend", type=click.Choice(["networkx", "neo4j"]),
              help="Overrides TSUNAGARI_BACKEND (neo4j reads TSUNAGARI_NEO4J_URI and friends).")
@click.pass_context
def main(ctx: click.Context, data_dir: Path | None, backend: str | None) -> None:
    """tsunagari: the つながり support network of Japanese SMEs going to Vietnam and Thailand."""
    overrides: dict[str, object] = {"data_dir": data_dir, "backend": backend}
    ctx.obj = Settings(**{k: v for k, v in overrides.items() if v is not None})


@contextmanager
def writes_of(settings: Settings, store: GraphStore) -> Iterator[Writes]:
    """The write path over the store, with the data directory's review queue, merge journal
    and audit log (closed at the end)."""
    queue, merges = ReviewQueue(settings.review_path), MergeJournal(settings.merges_path)
    audit = AuditLog(settings.audit_path)
    try:
        yield Writes(store, queue, merges, audit, settings.data_dir / "documents",
                     settings.max_proposals_per_document)
    finally:
        for opened in (queue, merges, audit):
            opened.close()


def worker_environment(settings: Settings) -> dict[str, str]:
    """The settings as environment variables, for worker processes to read them as this
    process has them (the command line's --data-dir and --backend included)."""
    return {f"TSUNAGARI_{name.upper()}": (",".join(value) if isinstance(value, list)
                                          else str(value).lower() if isinstance(value, bool)
                                          else str(value))
            for name, value in settings.model_dump().items()}


def cli_writer() -> str:
    """Who writes from the command line, as the audit log names them."""
    return f"cli:{getpass.getuser()}"


@main.command()
@click.argument("annotations", nargs=-1, type=click.Path(path_type=Path))
@click.option("--retract", "retract_ids", multiple=True, metavar="DOC",
              help="Remove a document and the facts only it supports (kept for --restore).")
@click.option("--restore", "restore_ids", multiple=True, metavar="DOC",
              help="Undo the last retraction of a document: its facts and review come back.")
@click.pass_obj
def load(settings: Settings, annotations: tuple[Path, ...], retract_ids: tuple[str, ...],
         restore_ids: tuple[str, ...]) -> None:
    """Load curated annotations, a reference-places folder or a whole seeds folder (default:
    the seeds folder: every file of seeds/curated/, then seeds/places/)."""
    with store_of(settings) as store, writes_of(settings, store) as writes:
        reports: list[ApplyReport] = [writes.retract(cli_writer(), doc_id) for doc_id in retract_ids]
        reports += [writes.restore(cli_writer(), doc_id) for doc_id in restore_ids]
        given = list(annotations) or ([] if retract_ids or restore_ids else [settings.seeds_dir])
        for source, seeds_dir in [pair for path in given
                                  for pair in sources_of(path, settings.seeds_dir)]:
            click.echo(f"loading {source}", err=True)
            contribution = read_seed(source, seeds_dir)
            _progress("verified", len(contribution.entities) + len(contribution.relations))
            reports.append(writes.load(cli_writer(), contribution, _progress))
        for report in reports:
            click.echo(report.summary())
        entities, relations = store.counts()
        click.echo(f"graph: {entities} entities, {relations} relations ({store.backend})")


@main.command()
@click.option("--host", help="Overrides TSUNAGARI_HOST (default 127.0.0.1).")
@click.option("--port", type=int, help="Overrides TSUNAGARI_PORT (default 8000).")
@click.option("--access-log", is_flag=True,
              help="Log every request (off by default: it costs about a quarter of a "
                   "small request's time).")
@click.option("--workers", type=click.IntRange(1, 64), default=1, show_default=True,
              help="Worker processes (the Neo4j store only: they share its database).")
@click.pass_obj
def serve(settings: Settings, host: str | None, port: int | None, access_log: bool,
          workers: int) -> None:
    """Serve the API and the web page (one server per data directory)."""
    import uvicorn

    from tsunagari.api.app import create_app
    from tsunagari.api.middleware import BoundedHead

    host, port = host or settings.host, port or settings.port
    if workers > 1 and settings.backend != "neo4j":
        click.echo("error: --workers needs the Neo4j store (TSUNAGARI_BACKEND=neo4j): the "
                   "embedded store keeps the graph in one process's memory", err=True)
        sys.exit(EXIT_REFUSED)
    try:
        with serving(settings.data_dir, host, port), store_of(settings) as store:
            entities, relations = store.counts()
            click.echo(f"serving {entities} entities, {relations} relations ({store.backend})"
                       + (f" with {workers} workers" if workers > 1 else ""), err=True)
            if workers == 1:
                uvicorn.run(create_app(store, settings), host=host, port=port,
                            http=BoundedHead, log_level="info", access_log=access_log)
                return
            with writes_of(settings, store) as writes:
                writes.recover()  # once, here, before any worker takes a request
            os.environ.update(worker_environment(settings))
            uvicorn.run("tsunagari.api.app:worker_app", factory=True, workers=workers,
                        host=host, port=port, http=BoundedHead, log_level="info",
                        access_log=access_log)
    except DataDirectoryInUse as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_REFUSED)


@main.command()
@click.argument("query")
@click.option("--type", "entity_type", help="Only entities of this type or label.")
@click.option("--limit", default=10, show_default=True)
@click.pass_obj
def search(settings: Settings, query: str, entity_type: str | None, limit: int) -> None:
    """Find entities by any name, alias or id."""
    with store_of(settings) as store:
        matches = NameIndex.of(store).resolve(
            query, types={entity_type} if entity_type else None, limit=limit
        )
    if not matches:
        click.echo(f"nothing matches {query!r}", err=True)
        sys.exit(1)
    rows = [
        [m.entity.id, m.entity.type.value, m.entity.name_ja, m.entity.name_en, f"{m.score:.2f}"]
        for m in matches
    ]
    click.echo(render_table(["id", "type", "名称", "name", "score"], rows))


@main.command(name="connect")
@click.argument("origin")
@click.argument("destination")
@click.option("--sector", help="machining, automotive, moulds, tools ... or a word for one.")
@click.option("-k", default=5, show_default=True, help="How many chains.")
@click.option("--max-hops", default=4, show_default=True)
@click.option("--stage", type=click.Choice([s.value for s in Stage]))
@click.option("--entry-point", type=click.Choice([e.value for e in EntryPoint]))
@click.pass_obj
def connect_command(settings: Settings, origin: str, destination: str, sector: str | None,
                    k: int, max_hops: int, stage: str | None, entry_point: str | None) -> None:
    """Referral chains from ORIGIN to DESTINATION (organisations or places, any name)."""
    with store_of(settings) as store:
        result = connect(store, origin, destination, sector=sector, k=k, max_hops=max_hops,
                         stage=stage, entry_point=entry_point)
    click.echo(f"{result.origin.display_name} → {result.destination.display_name}\n")
    click.echo(render_chains(result.chains))


@main.command(name="ask")
@click.argument("question")
@click.option("-k", default=5, show_default=True, help="How many chains.")
@click.pass_obj
def ask_command(settings: Settings, question: str, k: int) -> None:
    """Answer a desk question: "who connects an Osaka machinist to Dong Nai?",
    「海外展開の資金を借りたい」, "what does JETRO offer?"."""
    with store_of(settings) as store:
        try:
            answer = ask(store, question, k=k, today=this_month())
        except QuestionNotUnderstood as exc:
            language = language_of(question)
            click.echo(exc.messages[language], err=True)
            for suggestion in exc.suggestions:
                click.echo(f"  {suggestion[language]}", err=True)
            sys.exit(EXIT_REFUSED)
    click.echo(render_answer(answer))


@main.command(name="hubs")
@click.option("--metric", type=click.Choice(list(METRICS)), default="betweenness",
              show_default=True)
@click.option("--type", "entity_type", type=click.Choice([t.value for t in EntityType]))
@click.option("--region", help="Only hubs in or serving this place.")
@click.option("--limit", default=10, show_default=True)
@click.pass_obj
def hubs_command(settings: Settings, metric: str, entity_type: str | None, region: str | None,
                 limit: int) -> None:
    """The hub organisations, with what each bridges."""
    with store_of(settings) as store:
        ranked = hubs(store, metric, entity_type, region, limit)
    rows = [
        [h.entity.id, h.entity.name_ja, h.entity.name_en, f"{h.score:.4g}",
         ", ".join(f"{b.name}:{b.neighbours}" for b in h.bridges if b.kind == "country")]
        for h in ranked
    ]
    click.echo(render_table(["id", "名称", "name", metric, "bridges (country:neighbours)"], rows))


@main.group()
def token() -> None:
    """Write tokens for the API (stored only as hashes)."""


@token.command(name="create")
@click.argument("name")
@click.option("--role", type=click.Choice([r.value for r in Role]), default=Role.DESK.value,
              show_default=True,
              help="desk: documents, decisions and staff edits; admin: also retracting and "
                   "restoring documents and merging entities.")
@click.option("--org", "org_id", metavar="ENTITY_ID",
              help="The organisation the token belongs to (an organisation entity's id).")
@click.pass_obj
def token_create(settings: Settings, name: str, role: str, org_id: str | None) -> None:
    """Create (or replace) the token NAME and print it once."""
    try:
        org = None
        if org_id is not None:
            with store_of(settings) as store:
                org = token_organisation(store, org_id)
        tokens = TokenStore(settings.tokens_path)
        try:
            secret = tokens.create(name, Role(role), org)
        finally:
            tokens.close()
    except TokenRefused as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(EXIT_REFUSED)
    click.echo(secret)
    click.echo(f"token {name!r} ({role}{f', {org.id}' if org else ''}) created; use it as "
               "'Authorization: Bearer <token>'", err=True)


@token.command(name="list")
@click.pass_obj
def token_list(settings: Settings) -> None:
    """Every token's name, role, organisation and creation time (never the token)."""
    tokens = TokenStore(settings.tokens_path)
    try:
        rows = [[t.name, t.role.value, t.org or "", t.created_at] for t in tokens.tokens()]
    finally:
        tokens.close()
    click.echo(render_table(["name", "role", "org", "created"], rows))


@token.command(name="revoke")
@click.argument("name")
@click.pass_obj
def token_revoke(settings: Settings, name: str) -> None:
    """Revoke the token NAME."""
    tokens = TokenStore(settings.tokens_path)
    found = tokens.revoke(name)
    tokens.close()
    if not found:
        click.echo(f"error: no token named {name!r}", err=True)
        sys.exit(EXIT_REFUSED)


@main.command()
@click.option("--nodes", type=click.IntRange(min=MIN_NODES), default=10_000, show_default=True)
@click.option("--seed", type=int, default=1, show_default=True)
@click.option("--out", type=click.Path(path_type=Path, file_okay=False),
              help="Write the document and its annotation under OUT/documents and OUT/curated.")
@click.option("--load/--no-load", "load_now", default=True, show_default=True,
              help="Load the network into the configured store.")
@click.pass_obj
def synth(settings: Settings, nodes: int, seed: int, out: Path | None, load_now: bool) -> None:
    """Generate a synthetic national support network (for scale tests)."""
    network = synthesize(nodes, seed)
    click.echo(f"synthesized {len(network.entities)} entities, {len(network.relations)} relations",
               err=True)
    if out is not None:
        for path in write_synthetic(network, out):
            click.echo(f"wrote {path}", err=True)
    if load_now:
        with store_of(settings) as store, writes_of(settings, store) as writes:
            click.echo(writes.load(cli_writer(), network, _progress).summary())


@main.command(name="extract")
@click.argument("path", type=click.Path(path_type=Path, exists=True, dir_okay=False))
@click.option("--json", "as_json", is_flag=True,
              help="Print the proposals as JSON (entities and relations with evidence).")
@click.pass_obj
def extract_command(settings: Settings, path: Path, as_json: bool) -> None:
    """Print the entities and relations a document would propose (nothing is stored)."""
    with store_of(settings) as store:
        try:
            document = Document.read(path)
        except DocumentError as exc:
            click.echo(f"error: {exc}", err=True)
            sys.exit(EXIT_REFUSED)
        proposals = extract(document, store.entities())
    if as_json:
        click.echo(json.dumps({
            "entities": [{"id": p.entity.id, "type": p.entity.type.value,
                          "name_ja": p.entity.name_ja, "name_en": p.entity.name_en,
                          "aliases": p.entity.aliases, "confidence": round(p.confidence, 3),
                          "known": p.existing,
                          "evidence": [e.to_dict() for e in p.entity.evidence]}
                         for p in proposals.entities],
            "relations": [{"source": p.relation.source, "target": p.relation.target,
                           "type": p.relation.type, "confidence": round(p.confidence, 3),
                           "evidence": [e.to_dict() for e in p.relation.evidence]}
                          for p in proposals.relations],
        }, ensure_ascii=False, indent=1))
        return
    rows = [[p.entity.id, p.entity.type.value, p.entity.display_name,
             "known" if p.existing else "new", f"{p.confidence:.2f}"] for p in proposals.entities]
    click.echo(render_table(["id", "type", "name", "", "confidence"], rows, max_width=WHOLE))
    click.echo()
    rows = [[p.relation.source, p.relation.type, p.relation.target, f"{p.confidence:.2f}",
             p.relation.evidence[0].quote if p.relation.evidence else ""]
            for p in proposals.relations]
    click.echo(render_table(["source", "relation", "target", "confidence", "quote"], rows,
                            max_width=WHOLE))


@main.command()
@click.argument("document_id")
@click.option("--accept", "accepted", multiple=True, metavar="PROPOSAL", help="Accept one.")
@click.option("--reject", "rejected", multiple=True, metavar="PROPOSAL", help="Reject one.")
@click.option("--accept-above", "least", type=click.FloatRange(0, 1), metavar="CONFIDENCE",
              help="Accept every undecided proposal at least this confident.")
@click.option("--preview", is_flag=True, help="With --accept-above: list them, change nothing.")
@click.pass_obj
def review(settings: Settings, document_id: str, accepted: tuple[str, ...],
           rejected: tuple[str, ...], least: float | None, preview: bool) -> None:
    """List the proposals of an uploaded document; accept or reject some of them, or every
    one above a confidence."""
    with store_of(settings) as store, writes_of(settings, store) as writes:
        try:
            for status, pids in (("accepted", accepted), ("rejected", rejected)):
                for pid in pids:
                    _, report = writes.decide(cli_writer(), document_id, pid, status)
                    click.echo(report.summary())
            if least is not None:
                chosen, change = writes.accept_confident(cli_writer(), document_id, least, preview)
                ids = ", ".join(p.pid for p in chosen) or "none"
                click.echo(f"would accept ({least:.2f} or more): {ids}" if preview else
                           f"accepted ({least:.2f} or more): {ids}; "
                           f"{change.summary() if change else 'nothing changed'}")
        finally:
            proposals = writes.queue.proposals(document_id)
    rows = [[p.pid, p.status, f"{p.confidence:.2f}", "known" if p.existing else ""]
            for p in proposals]
    click.echo(render_table(["proposal", "status", "confidence", ""], rows, max_width=70))


@main.command(name="import")
@click.argument("path", type=click.Path(exists=True, path_type=Path))
@click.option("--relations", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="A relations CSV (from,type,to,quote,source) beside an organisations CSV.")
@click.pass_obj
def import_command(settings: Settings, path: Path, relations: Path | None) -> None:
    """Import a directory: an organisations CSV (id,type,name_ja,name_en,aliases,located_in,
    description) or a folder holding an HSDS package, as the document directory-<name>."""
    with store_of(settings) as store, writes_of(settings, store) as writes:
        contribution = read_directory_path(path, relations, store)
        click.echo(writes.load(cli_writer(), contribution, _progress).summary())


@main.command()
@click.option("--format", "fmt", type=click.Choice(["json", "graphml", "hsds"]), default="json",
              show_default=True, help="hsds: an HSDS 3 tabular package, in the folder -o names.")
@click.option("-o", "--output", type=click.Path(path_type=Path),
              help="File (default stdout); a folder for hsds.")
@click.option("--lang", type=click.Choice(["en", "ja"]), default="en", show_default=True,
              help="The language of HSDS names and descriptions.")
@click.pass_obj
def export(settings: Settings, fmt: str, output: Path | None, lang: str) -> None:
    """Write the whole graph as JSON or GraphML, or its organisations and services as HSDS."""
    with store_of(settings) as store:
        if fmt == "hsds":
            if output is None:
                raise click.UsageError("--format hsds writes a folder: name it with -o DIR")
            output.mkdir(parents=True, exist_ok=True)
            for name, text in hsds_files(store, lang, date.today().isoformat()).items():
                (output / name).write_text(text, encoding="utf-8")
            click.echo(f"wrote {output}", err=True)
            return
        if fmt == "json":
            chunks: Iterable[str] = [json.dumps(graph_json(store), ensure_ascii=False, indent=1),
                                     "\n"]
        else:
            chunks = graphml_chunks(sorted_entities(store), sorted_relations(store))
        if output is None:
            sys.stdout.writelines(chunks)
            return
        with output.open("w", encoding="utf-8") as out:
            out.writelines(chunks)
    click.echo(f"wrote {output}", err=True)


if __name__ == "__main__":
    main()
