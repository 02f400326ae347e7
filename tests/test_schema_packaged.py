"""The certificate schema ships inside the package; the shared reference copy is only compared, never read."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from landdb import models
from tests.conftest import SHARED

REFERENCE = SHARED / "schema" / "certificate.schema.json"


def test_packaged_schema_is_inside_the_package() -> None:
    assert models.SCHEMA_PATH.is_file()
    assert models.SCHEMA_PATH.parent.parent == __import__("pathlib").Path(models.__file__).resolve().parent
    assert "shared" not in models.SCHEMA_PATH.parts
    assert models.certificate_schema()["title"]


def test_packaged_schema_is_byte_identical_to_the_reference_copy() -> None:
    if not REFERENCE.is_file():
        pytest.skip(f"no reference copy to compare with: {REFERENCE} (a user's clone has no ../shared)")
    assert models.SCHEMA_PATH.read_bytes() == REFERENCE.read_bytes()


def test_a_missing_schema_is_one_clear_error(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(models, "SCHEMA_PATH", tmp_path / "gone.schema.json")
    models.certificate_schema.cache_clear()
    try:
        with pytest.raises(models.ConfigError, match="gone.schema.json"):
            models.certificate_schema()
    finally:
        models.certificate_schema.cache_clear()


def test_no_runtime_code_reads_the_shared_folder() -> None:
    """Nothing outside tests/ and bench's realdata loaders names ../shared at run time."""
    done = subprocess.run(
        ["git", "grep", "-n", "-e", '"shared"', "-e", "/shared/", "--", "landdb", "ocr", "geo", "qa", "flows",
         "web", "sample_scans", ":(exclude)web/static/vendor"],
        capture_output=True, text=True, cwd=models.SCHEMA_PATH.parents[2],
    )
    assert done.returncode in (0, 1), done.stderr
    assert done.stdout == "", done.stdout


def test_schema_loads_in_a_fresh_interpreter() -> None:
    out = subprocess.run([sys.executable, "-c", "from landdb.models import certificate_schema as s; "
                          "import json; print(json.dumps(s()['required']))"], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert "owners" in json.loads(out.stdout)


def test_demo_without_the_packaged_schema_fails_in_one_line_naming_it(tmp_path) -> None:
    """`make demo` runs `landdb demo`: with the schema file gone from the package it stops before any run, in one
    line that names the file (the package is copied so the real one stays in place for the other tests)."""
    import os
    import shutil

    root = models.SCHEMA_PATH.parents[2]
    copy = tmp_path / "clone"
    for name in ("landdb", "ocr", "geo", "qa", "flows", "sample_scans", "web", "sql"):
        shutil.copytree(root / name, copy / name, ignore=shutil.ignore_patterns("__pycache__", "*.pdf", "*.tif"))
    (copy / "landdb" / "schema" / "certificate.schema.json").unlink()
    env = {**os.environ, "PYTHONPATH": str(copy), "LANDDB_VAR_DIR": str(tmp_path / "var")}
    env.pop("LANDDB_DATABASE_URL", None)
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", "demo"], capture_output=True, text=True,
                          env=env, cwd=copy, timeout=300)
    lines = [line for line in done.stderr.splitlines() if line.strip()]
    assert done.returncode != 0
    assert len(lines) == 1, done.stderr
    assert "certificate.schema.json" in lines[0] and "Traceback" not in done.stderr
    assert not (tmp_path / "var" / "pg").exists()  # stopped before touching any database
