"""The Neo4j store (all its Cypher in `cypher`), and a Neo4j 5.26 started from Maven Central
jars for those without a server (`server`)."""

from tsunagari.graph.neo4j import cypher
from tsunagari.graph.neo4j.neo4j_store import Neo4jStore
from tsunagari.graph.neo4j.server import Neo4jServer, Neo4jUnavailable, missing_tools, neo4j_version

__all__ = ["Neo4jServer", "Neo4jStore", "Neo4jUnavailable", "cypher", "missing_tools", "neo4j_version"]
