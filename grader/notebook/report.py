r"""What ``check(...)`` shows: a :class:`CheckReport`, as HTML in Jupyter and as text
elsewhere; every text from a submission escaped."""

from __future__ import annotations

import html
from dataclasses import dataclass

from grader.render import STATUS_MARK, points, render_text
from grader.results import AssignmentResult, CheckResult, ExerciseResult, is_public_note

CELL_NOTE = "cell N is the cell this kernel ran as [N]"
STATUS_COLOUR = {"passed": "#1a7f37", "failed": "#b35900", "missing": "#57606a", "error": "#cf222e"}


class CheckProblem(Exception):
    """Nothing could be graded; the message says why, in one sentence (the report shows it)."""


@dataclass(frozen=True)
class CheckReport:
    """What ``check`` returns: a result (or the sentence why there is none), shown as HTML
    in Jupyter and as text by ``repr``."""

    result: AssignmentResult | None
    problem: str = ""
    notes: tuple[str, ...] = ()
    seconds: float = 0.0
    final: bool = False
    public_only: bool = False

    @property
    def score(self) -> float:
        return self.result.score if self.result else 0.0

    @property
    def max_score(self) -> float:
        return self.result.max_score if self.result else 0.0

    def __repr__(self) -> str:
        if self.result is None:
            return f"check: {self.problem}"
        lines = [self._headline(), render_text(self.result)]
        if self.notes:
            lines += ["", *(f"* {note}" for note in self.notes)]
        return "\n".join(lines)

    def _headline(self) -> str:
        return f"check ({self._what()}):"

    def _what(self) -> str:
        what = "the saved notebook, as the instructor grades it" if self.final else "this kernel's cells"
        public = "public checks only; " if self.public_only else ""
        return f"{public}{what}; {self.seconds:.1f} s"

    def _repr_html_(self) -> str:
        if self.result is None:
            return f'<div class="dls-check dls-check-problem"><b>check:</b> {_esc(self.problem)}</div>'
        result = self.result
        out = [
            '<div class="dls-check" style="font-family: sans-serif; line-height: 1.4">',
            f'<p class="dls-check-score"><b>{_esc(result.assignment)}: {points(result.score)} / '
            f"{points(result.max_score)} points</b> <small>({_esc(self._what())})</small></p>",
        ]
        if self.public_only:
            out.append(f'<p class="dls-check-public"><i>{_esc(_public_note(result))}</i></p>')
        out.append(_exercise_table(result.exercises))
        failed = _failed_checks(result.exercises)
        if failed:
            out.append('<p style="margin-bottom: 0.2em"><b>What to fix:</b></p><ul class="dls-check-failed">')
            out += [_failed_item(exercise, check) for exercise, check in failed]
            out.append("</ul>")
        notes = [n for n in result.notes if not (self.public_only and n == _public_note(result))]
        notes += self.notes
        if notes:
            out.append('<ul class="dls-check-notes" style="color: #57606a">')
            out += [f"<li>{_esc(note)}</li>" for note in notes]
            out.append("</ul>")
        out.append(f'<p class="dls-check-footer" style="color: #57606a"><small>sandbox: '
                   f"{_esc(result.sandbox)}</small></p></div>")  # fmt: skip
        return "\n".join(out)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _exercise_table(exercises: tuple[ExerciseResult, ...]) -> str:
    rows = [
        f'<tr class="dls-check-{_esc(e.status)}"><td style="text-align: left"><code>{_esc(e.name)}</code></td>'
        f'<td style="text-align: left; color: {STATUS_COLOUR[e.status]}"><b>{_esc(STATUS_MARK[e.status])}</b></td>'
        f'<td style="text-align: right">{points(e.score)} / {points(e.max_score)}</td></tr>'
        for e in exercises
    ]
    head = ('<tr><th style="text-align: left">exercise</th><th style="text-align: left">status</th>'
            '<th style="text-align: right">points</th></tr>')  # fmt: skip
    return f'<table class="dls-check-exercises"><thead>{head}</thead><tbody>{"".join(rows)}</tbody></table>'


def _failed_checks(exercises: tuple[ExerciseResult, ...]) -> list[tuple[ExerciseResult, CheckResult]]:
    """Each failed check, but one line per missing or broken function (as ``render_text``)."""
    shown = []
    for exercise in exercises:
        said: set[str] = set()
        for check in exercise.checks:
            if check.passed or (check.fault and check.message in said):
                continue
            if check.fault:
                said.add(check.message)
            shown.append((exercise, check))
    return shown


def _failed_item(exercise: ExerciseResult, check: CheckResult) -> str:
    hint = f'<div class="dls-check-hint"><b>hint:</b> {_esc(check.hint)}</div>' if check.hint else ""
    return (
        f'<li class="dls-check-check"><code>{_esc(exercise.name)}</code> / <code>{_esc(check.name)}</code> '
        f"(0 of {points(check.max_score)})"
        f'<pre class="dls-check-message" style="white-space: pre-wrap; margin: 0.2em 0">{_esc(check.message)}</pre>'
        f"{hint}</li>"
    )


def _public_note(result: AssignmentResult) -> str:
    return next((n for n in result.notes if is_public_note(n)), "These are the public checks.")
