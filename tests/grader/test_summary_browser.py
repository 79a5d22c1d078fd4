"""The class summary renders in a real browser: Debian's headless chromium."""

import os
import signal
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pytest
from matplotlib.image import imread

from grader.instructor.reports import Graded, safe_name, write_reports
from grader.results import CheckResult, assignment_result, exercise_result

CHROMIUM = Path("/usr/bin/chromium")
TIMEOUT = 60  # seconds; a page like ours renders in about one

pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="needs Debian's chromium at /usr/bin/chromium")

STUDENTS = ["ada", "bo", "cy", "Jo Doe"]


def graded(student, failing):
    """Two exercises of two checks each; ``failing`` names the checks that fail."""

    def exercise(name):
        passed = {check: (name, check) not in failing for check in ("fixed case", "property")}
        return exercise_result(name, [
            CheckResult(check, name, ok, 5.0 if ok else 0.0, 5.0, message="wrong values", hint="transpose?")
            for check, ok in passed.items()
        ])  # fmt: skip

    exercises = [exercise("initialize_adam"), exercise("update_parameters_with_adam")]
    result = assignment_result("week2", exercises, sandbox="namespaces", duration_s=1.0)
    return Graded(student, result)


def a_class():
    adam = "update_parameters_with_adam"
    return [
        graded("ada", set()),
        graded("bo", {(adam, "property")}),
        graded("cy", {(adam, "property"), (adam, "fixed case"), ("initialize_adam", "fixed case")}),
        graded("Jo Doe", {(adam, "property")}),
    ]


def chromium(profile: Path, *args: str) -> str:
    """Run headless chromium in its own process group; kill the whole group afterwards."""
    command = [
        str(CHROMIUM), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        f"--user-data-dir={profile}", *args,
    ]  # fmt: skip
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, start_new_session=True
    )
    try:
        stdout, _ = process.communicate(timeout=TIMEOUT)
    finally:
        kill_group(process.pid)
        process.wait()
    assert process.returncode == 0, f"chromium exited with {process.returncode}"
    return stdout.decode()


def kill_group(pgid: int) -> None:
    """Chromium leaves helper processes (zygote, GPU, network) behind when it is killed."""
    try:
        os.killpg(pgid, signal.SIGKILL)
    except ProcessLookupError:
        pass


class Elements(HTMLParser):
    """The rendered DOM's title, images, student rows and links."""

    def __init__(self):
        super().__init__()
        self.title, self.images, self.links, self.rows = "", [], [], 0
        self._in_title = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self._in_title = tag == "title"
        if tag == "img":
            self.images.append(attrs.get("src", ""))
        elif tag == "a":
            self.links.append(attrs.get("href", ""))
        elif tag == "tr" and attrs.get("class") == "student":
            self.rows += 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data

    def handle_endtag(self, tag):
        self._in_title = False


@pytest.fixture(scope="module")
def summary(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    write_reports(out, "week2", a_class())
    return out / "summary.html"


def test_the_summary_renders_with_its_title_students_and_plots(summary, tmp_path):
    dom = Elements()
    dom.feed(chromium(tmp_path / "profile", "--dump-dom", summary.as_uri()))
    assert dom.title == "week2: class summary"
    assert dom.rows == len(STUDENTS)
    for student in STUDENTS:
        assert f"students/{safe_name(student)}.html" in dom.links
    assert len(dom.images) == 2 and all(src.startswith("data:image/png;base64,") for src in dom.images)


def test_the_rendered_page_is_not_blank_and_shows_the_plots(summary, tmp_path):
    shot = tmp_path / "summary.png"
    chromium(tmp_path / "profile", f"--screenshot={shot}", "--window-size=1200,1600", summary.as_uri())
    pixels = imread(shot)[..., :3]  # (height, width, 3) floats in [0, 1]
    assert pixels.shape[:2] == (1600, 1200)
    rgb = np.rint(pixels * 255).astype(np.uint32)  # (height, width, 3)
    colours = np.unique(rgb[..., 0] << 16 | rgb[..., 1] << 8 | rgb[..., 2])
    assert len(colours) > 50  # text, tables and anti-aliased plots, not one flat colour
    histogram_blue = np.all(np.abs(pixels - np.array([0x35, 0x72, 0xA5]) / 255) < 0.02, axis=-1)
    assert histogram_blue.sum() > 500  # the histogram's bars were drawn
