r"""Canvas's REST API, the two requests of ``grade push canvas``.

Canvas's Submissions API (https://canvas.instructure.com/doc/api/submissions.html):

* ``GET /api/v1/courses/:course_id/assignments/:assignment_id/submissions?per_page=100``
  lists the assignment's submissions (``user_id``, ``score``, ``grade``, ``graded_at``,
  ``excused``), a page at a time: the ``Link`` header's ``rel="next"`` is the next page;
* ``PUT /api/v1/courses/:course_id/assignments/:assignment_id/submissions/:user_id`` with
  the form fields ``submission[posted_grade]`` (the score) and ``comment[text_comment]``
  grades one student and adds a comment.

Every request carries ``Authorization: Bearer <token>``, the token read from the
environment (:data:`TOKEN_VARIABLE`) only, and goes to the Canvas URL given and nowhere
else: redirects are refused, a next page on another host is refused, and the URL must be
``https`` (``http`` on loopback only, for a local Canvas).
"""

from __future__ import annotations

import http.client
import json
import math
import re
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Mapping
from dataclasses import dataclass

from grader.boundary.untrusted import terminal_text
from grader.instructor.exports import number

TOKEN_VARIABLE = "CANVAS_TOKEN"
URL_VARIABLE = "CANVAS_URL"
PER_PAGE = 100
MAX_PAGES = 1_000  # 100,000 submissions: beyond that, a server that never ends its pages
RESPONSE_LIMIT = 16 * 1024 * 1024  # bytes of one response read at most
TIMEOUT_S = 30.0
LOOPBACK = frozenset({"localhost", "127.0.0.1", "::1"})


class CanvasError(RuntimeError):
    """Canvas cannot be reached, or refused a request: one sentence for the instructor."""


@dataclass(frozen=True)
class CanvasGrade:
    """What Canvas has for one student (a Submission object of the Submissions API)."""

    user_id: str
    score: float | None
    grade: str = ""
    graded_at: str = ""
    excused: bool = False


# -------------------------------------------------------------------------- HTTP, pure parts


def canvas_base_url(text: str) -> str:
    """The Canvas URL as the API's base (``https://school.instructure.com``); ``https``,
    or ``http`` to a loopback address only (a bearer token never travels in clear)."""
    parts = urllib.parse.urlsplit(text.strip().rstrip("/"))
    shown = terminal_text(text, 200)
    if not parts.hostname or parts.query or parts.fragment or parts.scheme not in ("https", "http"):
        raise CanvasError(
            f"the Canvas URL {shown!r} is not a web address like https://school.instructure.com"
        )
    if parts.scheme == "http" and parts.hostname not in LOOPBACK:
        raise CanvasError(
            f"the Canvas URL {shown!r} is not https: the token would travel in clear; use https://"
        )
    return urllib.parse.urlunsplit((parts.scheme, parts.netloc, parts.path, "", ""))


def canvas_token(environ: Mapping[str, str]) -> str:
    """The access token from the environment (never from the command line, never shown)."""
    token = environ.get(TOKEN_VARIABLE, "").strip()
    if not token:
        raise CanvasError(
            f"set the environment variable {TOKEN_VARIABLE} to a Canvas access token (Canvas: Account -> "
            "Settings -> New Access Token); it is read from the environment only, never from the command line"
        )
    return token


def submissions_path(course: str, assignment: str, user: str | None = None) -> str:
    """The Submissions API path of an assignment's submissions, or of one user's."""
    parts = ["api", "v1", "courses", course, "assignments", assignment, "submissions"]
    parts += [user] if user is not None else []
    return "/" + "/".join(urllib.parse.quote(part, safe=":") for part in parts)


def next_link(header: str) -> str | None:
    """The ``rel="next"`` URL of a ``Link`` header (RFC 8288), or ``None``."""
    for match in re.finditer(r"<([^>]*)>([^<]*)", header):
        for param in match[2].split(";"):
            name, _, value = param.partition("=")
            if name.strip().lower() == "rel" and "next" in value.strip(' \t,"').lower().split():
                return match[1]
    return None


def parse_submissions(body: bytes) -> list[CanvasGrade]:
    """The grades of one page of the submissions list (a JSON array of Submission objects)."""
    try:
        items = json.loads(body)
    except ValueError as exc:
        raise CanvasError(
            f"Canvas answered the submissions list with something other than JSON: {exc}"
        ) from None
    if not isinstance(items, list) or not all(isinstance(item, dict) and "user_id" in item for item in items):
        raise CanvasError("Canvas answered the submissions list with JSON that is not a list of submissions")
    return [
        CanvasGrade(str(item["user_id"]), parse_score(item.get("score")),
                    terminal_text(str(item.get("grade") or ""), 100),
                    terminal_text(str(item.get("graded_at") or ""), 100), item.get("excused") is True)
        for item in items
    ]  # fmt: skip


def parse_score(value: object) -> float | None:
    """A submission's ``score``: a finite number, or ``None`` (not graded)."""
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def grade_form(score: float, comment: str) -> bytes:
    """The PUT's form: ``submission[posted_grade]`` and ``comment[text_comment]``."""
    fields = {"submission[posted_grade]": str(number(score)), "comment[text_comment]": comment}
    return urllib.parse.urlencode(fields).encode()


# -------------------------------------------------------------------------- HTTP client


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    """A redirect is an error: it would carry the token to wherever it points."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        return None


class CanvasClient:
    """The two requests of a push, to one Canvas; the token is never shown (not in ``repr``)."""

    def __init__(self, base_url: str, token: str, timeout: float = TIMEOUT_S) -> None:
        self.base = canvas_base_url(base_url)
        self._token, self.timeout = token, timeout
        handlers: list[urllib.request.BaseHandler] = [_NoRedirects()]
        if urllib.parse.urlsplit(self.base).hostname in LOOPBACK:
            handlers.append(urllib.request.ProxyHandler({}))  # loopback is never reached through a proxy
        self._opener = urllib.request.build_opener(*handlers)

    def __repr__(self) -> str:
        return f"CanvasClient({self.base!r})"

    def grades(self, course: str, assignment: str) -> dict[str, CanvasGrade]:
        """What Canvas has for each user of the assignment, every page followed."""
        url: str | None = f"{self.base}{submissions_path(course, assignment)}?per_page={PER_PAGE}"
        found: dict[str, CanvasGrade] = {}
        for _ in range(MAX_PAGES):
            if url is None:
                return found
            body, link = self._request("GET", self._on_this_canvas(url))
            found.update((grade.user_id, grade) for grade in parse_submissions(body))
            url = next_link(link)
        raise CanvasError(f"Canvas's submissions list did not end after {MAX_PAGES} pages")

    def put_grade(self, course: str, assignment: str, user: str, score: float, comment: str) -> None:
        """Grade ``user``'s submission with ``score`` and add ``comment``."""
        self._request(
            "PUT", f"{self.base}{submissions_path(course, assignment, user)}", grade_form(score, comment)
        )

    def _on_this_canvas(self, url: str) -> str:
        """``url``, if it is on this Canvas (a next page elsewhere would get the token)."""
        here, there = urllib.parse.urlsplit(self.base), urllib.parse.urlsplit(url)
        if (there.scheme, there.netloc) != (here.scheme, here.netloc):
            raise CanvasError(
                f"Canvas's next page is on another site ({terminal_text(there.netloc)}); not followed"
            )
        return url

    def _request(self, method: str, url: str, data: bytes | None = None) -> tuple[bytes, str]:
        """``(body, Link header)`` of a request; a :class:`CanvasError` that says what failed."""
        request = urllib.request.Request(url, data=data, method=method)
        request.add_header("Authorization", f"Bearer {self._token}")
        request.add_header("Accept", "application/json")
        if data is not None:
            request.add_header("Content-Type", "application/x-www-form-urlencoded")
        what = f"{method} {urllib.parse.urlsplit(url).path}"
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.read(RESPONSE_LIMIT), response.headers.get("Link", "")
        except urllib.error.HTTPError as exc:
            raise CanvasError(http_failure(what, exc.code, exc.read(2_000))) from None
        except (urllib.error.URLError, OSError, http.client.HTTPException) as exc:
            reason = getattr(exc, "reason", exc)
            raise CanvasError(
                f"{what}: Canvas could not be reached: {terminal_text(str(reason), 300)}"
            ) from None


def http_failure(what: str, status: int, body: bytes) -> str:
    """What an HTTP error from Canvas means, in one sentence."""
    meaning = {
        401: f"the token was refused: check {TOKEN_VARIABLE}",
        403: "the token's user may not do this (a teacher's token is needed)",
        404: "not found: check --canvas-course and --canvas-assignment (the numbers in their Canvas URLs)",
    }.get(status, "Canvas failed" if status >= 500 else "Canvas refused the request")
    if 300 <= status < 400:
        meaning = "a redirect, not followed: give the Canvas URL itself (https://school.instructure.com)"
    said = terminal_text(body.decode("utf-8", "replace"), 300)
    return f"{what}: HTTP {status}: {meaning}" + (f" (Canvas said: {said})" if said else "")
