r"""The class's statistics the summary page shows, pure functions of graded rows: the score
distribution (:func:`summary_statistics`), unusual scores (:func:`outliers`, by Tukey's
fences and the standard deviation together), each exercise's pass rate, the item analysis
(the checks failed most), and the common mistakes (failed checks grouped by hint; a hidden
check's hint never among them)."""

from __future__ import annotations

import statistics
from collections.abc import Sequence

from grader.instructor import exports
from grader.instructor.exports import safe_name, shown_student, sorted_rows
from grader.render import feedback, points
from grader.results import CheckResult, Graded

#: An unusual score is this many interquartile ranges outside the middle half (Tukey's
#: fences) and this many standard deviations from the mean (see :func:`score_fences`).
OUTLIER_IQR = 1.5
OUTLIER_Z = 2.0
#: Rows shown in the item analysis and the common-mistakes tables.
TOP_ITEMS = 15


def summary_statistics(scores: Sequence[float]) -> dict:
    """n, mean, median, population standard deviation, min and max (``None`` if empty)."""
    if not scores:
        return dict.fromkeys(("mean", "median", "std", "min", "max"), None) | {"n": 0}
    return {
        "n": len(scores),
        "mean": round(statistics.fmean(scores), 2),
        "median": round(statistics.median(scores), 2),
        "std": round(statistics.pstdev(scores), 2),
        "min": min(scores),
        "max": max(scores),
    }


def score_fences(scores: Sequence[float]) -> tuple[float, float] | None:
    """The range of usual scores; ``None`` below four scores.

    A score is unusual when it is outside both Tukey's fences (``Q1 - 1.5 IQR``,
    ``Q3 + 1.5 IQR``) and ``mean -+ 2 std``: Tukey alone flags everyone off the median when
    most of a class shares one score (IQR 0), the z-score alone is pulled by the outliers.
    """
    if len(scores) < 4:
        return None
    q1, _, q3 = statistics.quantiles(scores, n=4, method="inclusive")
    spread = OUTLIER_IQR * (q3 - q1)
    mean, std = statistics.fmean(scores), statistics.pstdev(scores)
    return min(q1 - spread, mean - OUTLIER_Z * std), max(q3 + spread, mean + OUTLIER_Z * std)


def outliers(rows: Sequence[Graded]) -> list[dict]:
    """Students whose score is outside Tukey's fences, or whose submission had errors or notes."""
    fences = score_fences([row.result.score for row in rows])
    found = []
    for row in sorted_rows(rows):
        reasons = []
        score = row.result.score
        if fences and not fences[0] <= score <= fences[1]:
            side = "low" if score < fences[0] else "high"
            usual = f"{fences[0]:.3g}..{fences[1]:.3g}"
            reasons.append(f"score {points(score)} is unusually {side} (usual: {usual})")
        errors = [e.name for e in row.result.exercises if e.status == "error"]
        if errors:
            reasons.append("error in " + ", ".join(errors))
        reasons += list(row.result.notes)
        if reasons:
            shown = shown_student(row.student)
            found.append({"student": shown, "file": safe_name(row.student), "reasons": reasons})
    return found


def exercise_pass_rates(rows: Sequence[Graded]) -> list[dict]:
    """Per exercise: the share of students who passed it and the mean points."""
    table = []
    for name in exports.exercise_names(rows):
        graded = [e for row in rows for e in row.result.exercises if e.name == name]
        table.append({
            "exercise": name,
            "passed": sum(e.status == "passed" for e in graded),
            "n": len(graded),
            "pass_rate": round(sum(e.status == "passed" for e in graded) / len(graded), 4),
            "mean_points": round(statistics.fmean(e.score for e in graded), 2),
            "max_score": max(e.max_score for e in graded),
        })  # fmt: skip
    return table


def item_analysis(rows: Sequence[Graded]) -> list[dict]:
    """Every check by failure rate, most failed first; ``not_run`` counts the failures where
    the function was missing or broken (the check could not judge the code)."""
    outcomes: dict[tuple[str, str], list[CheckResult]] = {}
    for row in rows:
        for exercise in row.result.exercises:
            for check in exercise.checks:
                outcomes.setdefault((exercise.name, check.name), []).append(check)
    items = [
        {
            "exercise": exercise,
            "check": check,
            "n": len(results),
            "failed": sum(not c.passed for c in results),
            "not_run": sum(not c.passed and bool(c.fault) for c in results),
            "failure_rate": round(sum(not c.passed for c in results) / len(results), 4),
            "hidden": any(c.hidden for c in results),
        }
        for (exercise, check), results in outcomes.items()
    ]
    return sorted(items, key=lambda i: (-i["failure_rate"], -i["failed"], i["exercise"], i["check"]))


def common_mistakes(rows: Sequence[Graded]) -> list[dict]:
    """Hints of failed (visible) checks, most frequent first, with the checks that gave them.

    A hint counts the *students* whose check ran and failed: a check that could not judge
    the code (the function missing, still the stub, or broken: ``fault`` set) says nothing
    about a mistake, so it is not counted, and a student counts once per hint however many
    of their checks gave it."""
    students: dict[str, set[str]] = {}
    checks: dict[str, set[str]] = {}
    for row in rows:
        for exercise in row.result.exercises:
            for check in exercise.checks:
                _, hint = feedback(check)
                if hint and not check.fault:
                    students.setdefault(hint, set()).add(row.student)
                    checks.setdefault(hint, set()).add(f"{exercise.name}: {check.name}")
    counted = sorted(students, key=lambda hint: (-len(students[hint]), hint))
    return [{"hint": hint, "count": len(students[hint]), "checks": sorted(checks[hint])} for hint in counted]


# -- plots --------------------------------------------------------------------------------
