"""The instructor's tools: a class's grading and everything built from it.

Batch grading (:mod:`~grader.instructor.batch`, the roster of submissions, recorded example
tapes), the gradebook, lateness and overrides (course, marks, regrade), reports and exports
(Canvas, Moodle, JUnit, JSON; the Canvas push), and what is built from the one source:
student releases, Gradescope autograders, stubs, and ``grade validate`` with its
do-nothing submissions.  Their commands are :mod:`~grader.instructor.commands`, a plugin of
``grade``.

May import anything in ``grader``.  Nothing outside this folder imports it (a student
release leaves it out), except for type annotations.
"""
