"""pytest plugin of throughput-gate's instruction metric: each benchmark's instructions, counted by callgrind.

The gate loads it with PYTEST_PLUGINS=throughput_gate_instructions and THROUGHPUT_GATE_INSTRUMENT set to a JSON
object {"valgrind": [argv...], "lib": path, "meta": path}. Loaded outside valgrind, it starts the same pytest
again under valgrind (so a wrapper such as `uv run` or a shell script is never counted). Under valgrind its
`benchmark` fixture stands in for pytest-benchmark's: each benchmark is called once to warm up, then CALLS times
with callgrind counting that call alone, each count dumped under the test's node id.
"""

import ctypes
import gc
import hashlib
import json
import os
import platform
import sys

import pytest

CALLS = 3
_config = json.loads(os.environ["THROUGHPUT_GATE_INSTRUMENT"])
_lib = ctypes.CDLL(_config["lib"])
_lib.tg_cpu.restype = ctypes.c_char_p
_lib.tg_dump.argtypes = [ctypes.c_char_p]

if not _lib.tg_running():
    sys.stdout.flush()
    sys.stderr.flush()
    argv = list(_config["valgrind"]) + [sys.executable] + list(sys.orig_argv[1:])
    os.execvp(argv[0], argv)

# The gate's WARMUP_DUMP: a dry cycle binds the client-request calls (the dynamic linker's lazy binding, ctypes'
# first call) before anything is counted, so the first benchmark's first count does not carry them.
gc.collect()
_lib.tg_start()
_lib.tg_dump(b"throughput-gate: warm-up#0")
_lib.tg_stop()

_measured = []
_failed = []
_seen = []
_slice = _config.get("slice")


def _in_slice(name):
    """The same slice as the gate's sliceOf: sha256 of the name, first four bytes big-endian, modulo the count."""
    if not _slice:
        return True
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return int.from_bytes(digest[:4], "big") % _slice["count"] + 1 == _slice["index"]


def _dump_name(nodeid, call):
    return f"{nodeid}#{call}".replace("\n", " ")


class InstructionBenchmark:
    """pytest-benchmark's fixture, as far as a benchmark body uses it: call it, or call .pedantic()."""

    def __init__(self, nodeid, name):
        self.nodeid = nodeid
        self.name = name
        self.fullname = nodeid
        self.group = None
        self.extra_info = {}
        self.disabled = False

    def __call__(self, function, *args, **kwargs):
        return self._measure(lambda: function(*args, **kwargs), lambda: None)

    def pedantic(self, target, args=(), kwargs=None, setup=None, rounds=1, warmup_rounds=0, iterations=1):
        def prepared():
            if setup is None:
                return args, kwargs or {}
            made = setup()
            return made if made is not None else (args, kwargs or {})

        state = {}

        def before():
            state["call"] = prepared()

        def call():
            a, k = state["call"]
            return target(*a, **k)

        return self._measure(call, before)

    def _measure(self, call, before):
        if self.nodeid in _measured:
            raise RuntimeError(f"{self.nodeid}: the benchmark fixture was called twice")
        before()
        result = call()
        for n in range(1, CALLS + 1):
            before()
            gc.collect()
            enabled = gc.isenabled()
            gc.disable()
            _lib.tg_start()
            result = call()
            _lib.tg_dump(_dump_name(self.nodeid, n).encode())
            _lib.tg_stop()
            if enabled:
                gc.enable()
        _measured.append(self.nodeid)
        return result


def pytest_plugin_registered(plugin, manager):
    # pytest-benchmark insists that `benchmark` is its own fixture; its options stay parsed, its hooks go.
    if plugin is sys.modules[__name__]:
        manager.set_blocked("benchmark")


def pytest_runtest_setup(item):
    if item.config.getoption("benchmark_only", False) and "benchmark" not in item.fixturenames:
        pytest.skip("not a benchmark (--benchmark-only)")


@pytest.fixture
def benchmark(request):
    nodeid = request.node.nodeid
    _seen.append(nodeid)
    if not _in_slice(nodeid):
        pytest.skip(f"counted by another runner (not in slice {_slice['index']} of {_slice['count']})")
    return InstructionBenchmark(nodeid, request.node.name)


def pytest_runtest_logreport(report):
    if report.failed and report.nodeid not in _failed:
        _failed.append(report.nodeid)


def _runtime():
    """The interpreter, its build, and the flags that change what it executes (-O drops asserts, for one)."""
    names = ("optimize", "dev_mode", "utf8_mode")
    changed = [f"{name}={getattr(sys.flags, name)}" for name in names if getattr(sys.flags, name)]
    flags = f" flags: {' '.join(changed)}" if changed else ""
    return f"{platform.python_implementation()} {sys.version}{flags}".replace("\n", " ")


def pytest_sessionfinish(session, exitstatus):
    meta = {
        "runtime": _runtime(),
        "executable": os.path.realpath(sys.executable),
        "cpu": _lib.tg_cpu().decode(),
        "calls": CALLS,
        "benchmarks": _measured,
        "failed": _failed,
        "seen": _seen,
    }
    tmp = _config["meta"] + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(meta, f)
    os.replace(tmp, _config["meta"])
