"""Every landdb command meets ordinary mistakes — a wrong path, a wrong type, an unknown name, a broken setting —
with one line on stderr, a non-zero status and no Python traceback (issue: nothing lost, one clear line)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
import typer.main

from landdb.cli.main import app, main
from landdb.settings import PROJECT_ROOT, get_settings

pytestmark = pytest.mark.db

MAP = str(PROJECT_ROOT / "sample_scans" / "cadastre.gpkg")
SHEET = str(PROJECT_ROOT / "sample_scans" / "mapsheet" / "sheet_2.tif")
GCPS = str(PROJECT_ROOT / "sample_scans" / "mapsheet" / "sheet_2_gcps.csv")
NOWHERE = "/nonexistent/landdb/nothing-here"

# What a user gets wrong, per command: a wrong path, a wrong type, an unknown name (where the command takes one).
MISTAKES: dict[str, list[list[str]]] = {
    "extract": [[f"{NOWHERE}.pdf"], [MAP, "--workers", "abc"]],
    "build": [[NOWHERE], [str(PROJECT_ROOT), "--workers", "abc"], [str(PROJECT_ROOT), "--task-runner", "bogus"],
              [str(PROJECT_ROOT), "--map", f"{NOWHERE}.gpkg"]],
    "demo": [],
    "import-map": [[f"{NOWHERE}.gpkg"], [MAP, "--scale", "abc"], [MAP, "--layer", "no_such_layer"],
                   [MAP, "--crs", "EPSG:99999"], [MAP, "--commune", "  "], [MAP, "--kind", "bogus"],
                   [MAP, "--kind", "features", "--replace-sheets"]],
    "georef": [[f"{NOWHERE}.tif", "--gcp", GCPS, "--crs", "EPSG:9210"],
               [SHEET, "--gcp", f"{NOWHERE}.csv", "--crs", "EPSG:9210"],
               [SHEET, "--gcp", GCPS, "--crs", "EPSG:99999"],
               [SHEET, "--gcp", GCPS, "--crs", "EPSG:9210", "--method", "bogus"],
               [SHEET, "--gcp", GCPS, "--crs", "EPSG:9210", "--scale", "abc"],
               [SHEET, "--gcp", GCPS, "--crs", "EPSG:9210", "--sheet", "no-slash"]],
    "link": [["--commune", "NOPE99"], ["--scale", "abc"]],
    "stats": [],
    "db start": [], "db stop": [], "db status": [], "db url": [], "db migrate": [],
    "qa run": [["--commune", "NOPE99"], ["--rules", "bogus"], ["--workers", "-1"], ["--task-runner", "bogus"],
               ["--task-runner", "dask://nowhere"]],
    "qa check": [[f"{NOWHERE}.gpkg"], [MAP, "--rules", "bogus"], [MAP, "--crs", "EPSG:99999"],
                 [MAP, "--mapping", f"{NOWHERE}.toml"]],
    "qa close": [["NOPE99"], [" "]],
    "qa report": [["--out", f"{MAP}/report.html"], ["--out", str(PROJECT_ROOT / "sample_scans")],
                  ["--commune", "NOPE99"], ["--rules", "bogus"],
                  ["--format", "bogus"]],
    "qa rules": [],
    "qa finding set-status": [["abc", "fixed"], ["99999999", "fixed"], ["1", "bogus"]],
    "qa finding show": [["abc"], ["99999999"]],
    "runs list": [["--limit", "-5"], ["--limit", "abc"]],
    "runs show": [["abc"], ["99999999"]],
    "runs retry": [["99999999"], ["abc"], ["1", "--task-runner", "bogus"]],
    "serve": [["--port", "abc"], ["--workers", "abc"]],
    "users add": [["someone", "--role", "bogus"], ["  ", "--role", "officer"]],
    "users list": [],
    "users disable": [["no-such-user"]],
    "users token": [["no-such-user"]],
    "users tokens": [["no-such-user"]],
    "users revoke": [["no-such-user", "abc"]],
    "export parcels": [["--out", f"{MAP}/x.gpkg", "--q", "2/210"], ["--out", "x.gpkg", "--parcel", "abc"],
                       ["--out", "x.gpkg", "--q", "2/210", "--format", "bogus"], ["--out", "x.gpkg", "--bbox", "1,2"],
                       ["--out", "x.gpkg", "--parcel", "99999999"], ["--out", "x.gpkg"]],
    "export vbdlis": [["--out", f"{NOWHERE}.csv"], ["--out", f"{NOWHERE}.xlsx", "--commune", "NOPE99"], [],
                      ["--out", f"{NOWHERE}.xlsx"], ["--out", f"{NOWHERE}.xlsx", "--parcel-class", "Đã cấp GCN"],
                      ["--out", f"{NOWHERE}.xlsx", "--parcel-class", "Loại 5", "--id-state", "Chưa xác thực"],
                      ["--out", f"{NOWHERE}.xlsx", "--parcel-class", "Loại 5", "--id-state", "2",
                       "--without-certificate"]],
    "addresses resolve": [["--commune", "NOPE99"], ["--commune", " "]],
    "addresses boundaries": [[f"{NOWHERE}.gpkg", "--code-column", "ma", "--name-column", "ten"],
                             [MAP, "--code-column", "no_such", "--name-column", "thua"]],
    "national-code assign": [["--commune", "NOPE99"]],
}


def _leaf_commands() -> list[str]:
    found = []

    def walk(command, path: list[str]) -> None:
        subs = getattr(command, "commands", None)
        if subs:
            for name, sub in subs.items():
                walk(sub, [*path, name])
        else:
            found.append(" ".join(path))

    walk(typer.main.get_command(app), [])
    return found


LEAVES = _leaf_commands()


def test_every_command_has_its_mistakes_listed() -> None:
    missing = [c for c in LEAVES if c not in MISTAKES]
    assert missing == [], f"add the ordinary mistakes of {missing} to MISTAKES"


def _run(args: list[str], monkeypatch, capsys) -> tuple[int, str, str]:
    get_settings.cache_clear()
    monkeypatch.setattr(sys, "argv", ["landdb", *args])
    with pytest.raises(SystemExit) as ended:
        main()
    get_settings.cache_clear()
    out, err = capsys.readouterr()
    code = ended.value.code
    return (code if isinstance(code, int) else 1), out, err


def _assert_one_clear_line(args: list[str], status: int, err: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    shown = f"landdb {' '.join(args)!s} -> {status}: {err!r}"
    assert status != 0, shown
    assert len(lines) == 1, shown
    assert "Traceback" not in err and 'File "' not in err, shown


CASES = [(c, m) for c in LEAVES for m in MISTAKES.get(c, [])]


@pytest.mark.parametrize(("command", "mistake"), CASES, ids=[f"{c}:{' '.join(m)}" for c, m in CASES])
def test_a_mistake_is_one_clear_line(command, mistake, db_settings, monkeypatch, capsys) -> None:
    args = [*command.split(), *mistake]
    status, _, err = _run(args, monkeypatch, capsys)
    _assert_one_clear_line(args, status, err)


@pytest.mark.parametrize("command", LEAVES)
def test_an_unknown_option_is_one_clear_line(command, monkeypatch, capsys) -> None:
    args = [*command.split(), "--no-such-option"]
    status, _, err = _run(args, monkeypatch, capsys)
    _assert_one_clear_line(args, status, err)
    assert "--no-such-option" in err


BROKEN_SETTINGS = {
    "port": {"LANDDB_PG_PORT": "abc"},
    "misspelled": {"LANDDB_PG_PROT": "54329"},
    "url": {"LANDDB_DATABASE_URL": "postgresql://landdb:pw@[bad"},
    "tolerance": {"LANDDB_EDGE_TOLERANCE_M": "-1"},
}


@pytest.mark.parametrize("broken", sorted(BROKEN_SETTINGS))
@pytest.mark.parametrize("command", LEAVES)
def test_a_broken_setting_is_one_clear_line(command, broken, monkeypatch, capsys) -> None:
    for name, value in BROKEN_SETTINGS[broken].items():
        monkeypatch.setenv(name, value)
    args = [*command.split(), *(MISTAKES[command][0] if MISTAKES.get(command) else [])]
    status, _, err = _run(args, monkeypatch, capsys)
    _assert_one_clear_line(args, status, err)
    assert "pw@" not in err


def test_a_broken_config_file_is_named(tmp_path: Path, monkeypatch, capsys) -> None:
    config = tmp_path / "landdb.toml"
    config.write_text("pg_port = [unclosed\n", encoding="utf-8")
    monkeypatch.setenv("LANDDB_CONFIG", str(config))
    status, _, err = _run(["stats"], monkeypatch, capsys)
    _assert_one_clear_line(["stats"], status, err)
    assert str(config) in err
    config.write_text("[qa]\ngap_min_area_m2 = 'abc'\n", encoding="utf-8")
    status, _, err = _run(["qa", "rules"], monkeypatch, capsys)
    _assert_one_clear_line(["qa", "rules"], status, err)
    assert "gap_min_area_m2" in err
    config.write_text("edge_tolerence_m = 0.02\n", encoding="utf-8")
    status, _, err = _run(["stats"], monkeypatch, capsys)
    _assert_one_clear_line(["stats"], status, err)
    assert "edge_tolerance_m" in err  # the close match is named


def test_db_url_prints_a_url_even_so(monkeypatch, capsys) -> None:
    """`db url` is how a user finds the database: it answers whenever the settings can be read."""
    status, out, _ = _run(["db", "url"], monkeypatch, capsys)
    assert status == 0 and out.startswith("postgresql://")
