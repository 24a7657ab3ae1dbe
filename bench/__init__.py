"""Performance benchmarks: a generated corpus, the parse floor, and the side-by-side runner."""
