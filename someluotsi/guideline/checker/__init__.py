"""The post checker: a rulebook, the detectors that find what its rules describe, the engine
that turns their matches into findings with severity per role and § references, and redaction."""
