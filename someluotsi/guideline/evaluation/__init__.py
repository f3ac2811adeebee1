"""Tools, never on a request's path: the checker's evaluation on labelled cases, the storm
traffic simulator and the storm detector's evaluation on simulated traffic. The apps never
import this package (the import contract in pyproject.toml)."""
