"""The worker's randomness and clocks are the same in every grading (grader/boundary/worker/entropy.py):
two fresh workers, at every sandbox level this machine has, read the same value from every
source of randomness and time a submission can reach from Python."""

import pytest

from grader.boundary import sandbox
from grader.boundary.remote import RemoteSubmission
from grader.boundary.worker import entropy

#: What a submission reads, in this order (reseeding first where the name says so).
SOURCES = {
    "os.urandom": "os.urandom(16).hex()",
    "os.getrandom": "os.getrandom(8).hex()",
    "random.SystemRandom": "random.SystemRandom().random()",
    "random.Random()": "random.Random().random()",
    "random.seed()": "(random.seed(), random.random())[1]",
    "secrets.token_hex": "secrets.token_hex(8)",
    "uuid.uuid4": "str(uuid.uuid4())",
    "np.random.default_rng()": "float(np.random.default_rng().random())",
    "np.random.PCG64()": "int(np.random.PCG64().random_raw())",
    "np.random.seed()": "(np.random.seed(), float(np.random.rand()))[1]",
    "tempfile names": "next(tempfile._get_candidate_names())",
    "hash of a string": "hash('dls-grader')",
    "order of a set of strings": "list({'W1', 'b1', 'W2', 'b2', 'dW1', 'db1', 'v', 's'})",
    "time.time": "time.time()",
    "time.perf_counter": "time.perf_counter()",
    "time.monotonic_ns": "time.monotonic_ns()",
    "datetime.datetime.now": "datetime.datetime.now().isoformat()",
    "datetime.date.today": "datetime.date.today().isoformat()",
}
READINGS = (
    "def readings():\n"
    "    import datetime, os, random, secrets, tempfile, time, uuid\n"
    "    import numpy as np\n"
    "    return {\n" + "".join(f"        {name!r}: {code},\n" for name, code in SOURCES.items()) + "    }\n"
)
LEVELS = sandbox.available_levels()


def read_in_a_fresh_worker(level: str) -> dict:
    with RemoteSubmission([{"filename": "readings.py", "source": READINGS}], level=level) as submission:
        assert submission.report.errors == []
        return submission.call("readings")  # type: ignore[return-value]


@pytest.fixture(scope="module", params=LEVELS)
def two_gradings(request) -> tuple[dict, dict]:
    return read_in_a_fresh_worker(request.param), read_in_a_fresh_worker(request.param)


@pytest.mark.parametrize("source", SOURCES)
def test_every_source_reads_the_same_in_two_gradings(two_gradings, source):
    first, second = two_gradings
    assert first[source] == second[source]


def test_the_clock_is_virtual(two_gradings):
    first, _ = two_gradings
    assert entropy.EPOCH / 1e9 < first["time.time"] < entropy.EPOCH / 1e9 + 1
    assert first["datetime.datetime.now"].startswith("2026-01-01T00:00:00")
    assert first["datetime.date.today"] == "2026-01-01"


@pytest.mark.parametrize("level", LEVELS)
def test_string_hashes_are_not_randomized_in_the_worker(level):
    units = [
        {
            "filename": "flags.py",
            "source": "import sys\ndef flag():\n    return sys.flags.hash_randomization\n",
        }
    ]
    with RemoteSubmission(units, level=level) as submission:
        assert submission.call("flag") == 0


def test_a_byte_stream_is_fixed_and_endless():
    one, two = entropy.ByteStream(b"label"), entropy.ByteStream(b"label")
    assert one.read(5) + one.read(100) == two.read(105)
    assert entropy.ByteStream(b"other").read(8) != entropy.ByteStream(b"label").read(8)
    with pytest.raises(ValueError):
        one.read(-1)


def test_the_virtual_clock_advances_by_a_tick_per_reading_and_by_each_sleep():
    clock = entropy.VirtualClock()
    first = clock.read_ns()
    assert clock.read_ns() - first == entropy.TICK_NS
    clock.sleep(0.001, real_sleep=lambda _: None)
    assert clock.read_ns() - first == 2 * entropy.TICK_NS + 1_000_000
