"""Helpers the tests share: paths, live servers, Neo4j servers, processes, stores to write
to, crash tools and hypothesis strategies. Test modules import these, never each other."""
