"""The checks: one pytest module per assignment, its known mistakes beside it
(``<name>_mistakes.py``), and the official Coursera cases (:mod:`grader.checks.coursera`).

Checks are written in the judge's vocabulary (:mod:`grader.judge`; the markers are
:mod:`grader.judge.plugin`'s).  May import the judge, the reference and the boundary's data
types; never the instructor's tools.  A student release keeps only this ``__init__``,
``pytest.ini``, and the public checks and cases it records.
"""
