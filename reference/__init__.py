"""Reference implementations: the single source of every algorithm the grader checks."""
