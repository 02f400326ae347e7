"""Unknown names are errors (issue 13 item 5), met on the command line: a commune code or rule id that
matches nothing ends in one line naming the close matches, never in "0 parcels, 0 findings" with exit 0;
``qa report --out`` a folder or an unwritable path is refused before any query."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import psycopg
import pyogrio
import pytest

pytestmark = [pytest.mark.db]
SAMPLE = Path(__file__).resolve().parents[1] / "sample_scans" / "cadastre.gpkg"
COMMUNE = "NAMES-01"


def landdb(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", *map(str, args)], capture_output=True,
                          text=True, env={**os.environ, **(env or {})}, timeout=300)


def one_line_error(done: subprocess.CompletedProcess) -> str:
    assert done.returncode != 0, done.stdout
    assert "Traceback" not in done.stderr and len(done.stderr.strip().splitlines()) == 1, done.stderr
    return done.stderr


@pytest.fixture(scope="module")
def names_url(worker_id: str):
    """A database of this module's own: the communes it lists are the one imported here, whatever other modules
    left in the worker's database (the "nothing close" case lists the known ones)."""
    from tests.conftest import create_database, database_in_use

    with database_in_use(create_database(f"landdb_names_{worker_id}".replace("-", "_"))) as url:
        yield url


@pytest.fixture(scope="module")
def imported(names_url, tmp_path_factory):
    frame = pyogrio.read_dataframe(SAMPLE, layer="thua_dat")
    frame["ma_xa"] = COMMUNE
    path = tmp_path_factory.mktemp("names") / "map.gpkg"
    pyogrio.write_dataframe(frame, path, layer="thua_dat")
    done = landdb("import-map", path)
    assert done.returncode == 0, done.stderr
    return path


def qa_runs(url: str) -> int:
    with psycopg.connect(url) as conn:
        return conn.execute("select count(*) from qa_run").fetchone()[0]


@pytest.mark.parametrize("command", [["qa", "run"], ["link"], ["qa", "report"]])
def test_a_mistyped_commune_is_an_error_with_the_close_match(imported, names_url, tmp_path, command) -> None:
    runs = qa_runs(names_url)
    out = tmp_path / "report.html"
    extra = ["--out", out] if command == ["qa", "report"] else []
    err = one_line_error(landdb(*command, "--commune", "NAMES-1", *extra))
    assert "unknown commune 'NAMES-1'" in err and f"did you mean {COMMUNE}" in err
    err = one_line_error(landdb(*command, "--commune", "NOPE99", *extra))
    assert "unknown commune 'NOPE99'" in err and COMMUNE in err  # nothing close: the known ones listed
    err = one_line_error(landdb(*command, "--commune", "  ", *extra))
    assert "blank" in err
    assert qa_runs(names_url) == runs and not out.exists()


def test_the_right_commune_still_works(imported) -> None:
    done = landdb("qa", "run", "--commune", f" {COMMUNE} ", "--json")
    assert done.returncode == 0, done.stderr
    assert '"parcels": 916' in done.stdout


def test_qa_report_with_an_unknown_rule_writes_nothing(imported, tmp_path) -> None:
    out = tmp_path / "r.csv"
    err = one_line_error(landdb("qa", "report", "--format", "csv", "--out", out, "--rules", "overlap,overlpa"))
    assert "unknown QA rule 'overlpa'" in err and "did you mean overlap" in err
    err = one_line_error(landdb("qa", "report", "--format", "csv", "--out", out, "--rules", "bogus"))
    assert "unknown QA rule 'bogus'" in err and "geometry_invalid" in err
    assert not out.exists()
    err = one_line_error(landdb("qa", "run", "--rules", "bogus"))
    assert "unknown QA rule 'bogus'" in err


def test_qa_report_out_is_checked_before_any_query(tmp_path) -> None:
    # an unreachable database: the --out error comes first, so nothing was queried
    nowhere = {"LANDDB_DATABASE_URL": "postgresql://nobody@127.0.0.1:9/none"}
    err = one_line_error(landdb("qa", "report", "--out", tmp_path, env=nowhere))
    assert str(tmp_path) in err and "is a folder" in err
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    err = one_line_error(landdb("qa", "report", "--out", blocker / "r.html", env=nowhere))
    assert "r.html" in err and "not a folder" in err
    err = one_line_error(landdb("qa", "report", "--out", "/proc/landdb-report.html", env=nowhere))
    assert "cannot write the report there" in err
    err = one_line_error(landdb("qa", "report", "--out", tmp_path / "r.html", "--rules", "bogus", env=nowhere))
    assert "unknown QA rule 'bogus'" in err
