"""A synthetic national support network, shaped like the real one, for scale tests."""

from tsunagari.loaders.synth.network import MIN_NODES, synthesize, synthetic_text, write_synthetic

__all__ = ["MIN_NODES", "synthesize", "synthetic_text", "write_synthetic"]
