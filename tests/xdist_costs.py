"""`make test`'s scheduling: whole test files handed to the xdist workers by their known cost, the costliest first.

``--dist loadfile`` keeps a file on one worker (module fixtures are built once) but hands files out in collection
order, so two long files could end up one after the other on the same worker while the other one idles. Here each
worker that needs work gets the costliest file left (longest-processing-time first): the long end-to-end files
start at once on different workers and the many short files even the two out at the end.

Costs are worker-seconds per file (setup + call + teardown of its tests) from ``tests/durations.json``, which
``make test-durations`` refreshes from a whole run; a file not in it is costed at the mean cost of a test times
its number of tests, but never above the cheapest file in the table (an unmeasured file of many quick
parametrized cases must not start before a measured long one). Every run prints each worker's busy time, so
an uneven split is seen.
"""

from __future__ import annotations

import json
import os
import time
from collections import defaultdict
from pathlib import Path

import pytest

COSTS = Path(__file__).with_name("durations.json")
RECORD = "RECORD_TEST_DURATIONS"   # set to a path: the run's per-file costs are merged into that JSON file


def load_costs(path: Path = COSTS) -> tuple[dict[str, float], float]:
    """Per-file worker-seconds and the mean cost of one test; ({}, 1.0) when the file is missing (every test then
    costs the same)."""
    try:
        table = json.loads(path.read_text())
    except FileNotFoundError:
        return {}, 1.0
    return {str(k): float(v) for k, v in table["files"].items()}, float(table["per_test"])


def scheduler_class():
    from xdist.scheduler import LoadFileScheduling

    class CostScheduling(LoadFileScheduling):
        """``--dist loadfile`` with the costliest remaining file handed out first."""

        def __init__(self, config: pytest.Config, log=None) -> None:
            super().__init__(config, log)
            self.costs, self.per_test = load_costs()
            self.cap = min(self.costs.values(), default=float("inf"))

        def cost(self, scope: str) -> tuple[float, float]:
            known = self.costs.get(scope)
            if known is not None:
                return known, known
            estimate = self.per_test * len(self.workqueue[scope])
            return min(estimate, self.cap), estimate

        def _assign_work_unit(self, node) -> None:
            costliest = max(self.workqueue, key=self.cost)   # ties: collection order
            self.workqueue.move_to_end(costliest, last=False)
            super()._assign_work_unit(node)

    return CostScheduling


@pytest.hookimpl(tryfirst=True)
def pytest_xdist_make_scheduler(config: pytest.Config, log):
    """Cost-ordered files for ``--dist loadfile``; any other mode keeps xdist's own scheduler."""
    if config.getoption("dist", None) != "loadfile":
        return None
    return scheduler_class()(config, log)


class Ledger:
    """Worker-seconds per file and per worker, as reports reach this process (the controller under xdist)."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.files: dict[str, float] = defaultdict(float)
        self.workers: dict[str, float] = defaultdict(float)
        self.done_at: dict[str, float] = {}
        self.tests = 0

    def add(self, report: pytest.TestReport) -> None:
        node = getattr(report, "node", None)
        worker = node.gateway.id if node is not None else "main"
        self.files[report.nodeid.split("::", 1)[0]] += report.duration
        self.workers[worker] += report.duration
        self.done_at[worker] = time.monotonic() - self.started
        self.tests += report.when == "call"

    def summary(self) -> str:
        busy = ", ".join(f"{w} {s:.0f} s (last test done at {self.done_at[w]:.0f} s)"
                         for w, s in sorted(self.workers.items()))
        return f"worker busy time: {busy}; wall {time.monotonic() - self.started:.0f} s, {self.tests} tests run"

    def merge_into(self, path: Path) -> None:
        costs, _ = load_costs(path)
        costs.update({f: round(s, 1) for f, s in self.files.items()})
        ordered = dict(sorted(costs.items(), key=lambda kv: (-kv[1], kv[0])))
        per_test = round(sum(self.files.values()) / max(1, self.tests), 2)
        note = "worker-seconds per test file (setup + call + teardown), written by `make test-durations`"
        table = {"note": note, "per_test": per_test, "files": ordered}
        path.write_text(json.dumps(table, indent=1, ensure_ascii=False) + "\n")


_ledger = Ledger()


def pytest_runtest_logreport(report: pytest.TestReport) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER"):
        return   # a worker: its reports reach the controller, which counts them once
    _ledger.add(report)


def pytest_terminal_summary(terminalreporter) -> None:
    if os.environ.get("PYTEST_XDIST_WORKER") or not _ledger.files:
        return
    terminalreporter.write_line(_ledger.summary())
    target = os.environ.get(RECORD)
    if target:
        _ledger.merge_into(Path(target))
        terminalreporter.write_line(f"per-file costs merged into {target}")
