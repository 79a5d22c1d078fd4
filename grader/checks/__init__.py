"""Grading checks: one pytest module per assignment (see grader.plugin for the markers)."""
