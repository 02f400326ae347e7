"""Batch layout as scanning teams deliver it: which paths are documents, for `landdb extract` and `landdb build`.

A document is a PDF, a multi-page TIFF, a single image, or a folder of page images; a folder holding PDFs,
multi-page TIFFs or folders is a batch (walked recursively, every file one document, hidden and non-scan files
skipped with the reason); a folder of page images beside PDFs or folders is refused. The discovery cases run in
milliseconds on real files; the CLI cases run the real Tesseract and PostGIS.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import psycopg
import pytest
from PIL import Image
from psycopg.rows import dict_row

from landdb.errors import InputFileError
from landdb.settings import PROJECT_ROOT
from ocr.pages import discover_documents, load_pages, page_files
from tests.conftest import create_database

SAMPLES = PROJECT_ROOT / "sample_scans" / "certificates"
TWO_PAGE = ["gcn_0001_2024_clean.pdf", "gcn_0003_2024_light.pdf", "gcn_0005_2024_medium.pdf"]


def _page(path: Path, size: tuple[int, int] = (1240, 1754)) -> Path:
    Image.new("RGB", size, (255, 255, 255)).save(path)
    return path


def _pdf(path: Path) -> Path:
    Image.new("RGB", (1240, 1754), (255, 255, 255)).save(path)  # Pillow writes a one-page PDF
    return path


def _tiff(path: Path, frames: int) -> Path:
    pages = [Image.new("RGB", (800, 1000), (255, 255, 255)) for _ in range(frames)]
    pages[0].save(path, save_all=True, append_images=pages[1:])
    return path


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, **(env or {})}, cwd=PROJECT_ROOT)


def test_boxes_of_pdfs_are_a_batch_every_file_one_document(tmp_path: Path) -> None:
    for box, names in {"box-01": ["a.pdf", "b.pdf", "c.PDF"], "box-02": ["d.pdf"],
                       "box-02/late": ["e.pdf"]}.items():
        (tmp_path / box).mkdir(parents=True)
        for name in names:
            _pdf(tmp_path / box / name)
    (tmp_path / "box-01" / "notes.txt").write_text("BM scanned by team 3\n")  # starts like a bitmap: still notes
    shutil.copy(tmp_path / "box-02" / "d.pdf", tmp_path / "box-02" / "scan0042")  # a scanner's name, no suffix
    (tmp_path / "box-01" / ".DS_Store").write_bytes(b"\0\0\0\1Bud1")
    (tmp_path / ".thumbnails").mkdir()
    _page(tmp_path / ".thumbnails" / "a.png")
    found = discover_documents([tmp_path])
    assert [p.relative_to(tmp_path).as_posix() for p in found.documents] == [
        "box-01/a.pdf", "box-01/b.pdf", "box-01/c.PDF", "box-02/d.pdf", "box-02/late/e.pdf", "box-02/scan0042"]
    skipped = {s.path.relative_to(tmp_path).as_posix(): s.reason for s in found.skipped}
    assert skipped == {".thumbnails": "hidden", "box-01/.DS_Store": "hidden", "box-01/notes.txt": "not a scan (.txt)"}


def test_a_folder_of_page_images_is_one_document_and_a_batch_may_hold_such_folders(tmp_path: Path) -> None:
    for cert in ("cert-001", "cert-002"):
        (tmp_path / cert).mkdir()
        for page in ("p1.png", "p2.jpg", "p3.tif"):
            _page(tmp_path / cert / page)
    (tmp_path / "cert-002" / "Thumbs.db").write_bytes(b"\xd0\xcf\x11\xe0")
    found = discover_documents([tmp_path])
    assert found.documents == [tmp_path / "cert-001", tmp_path / "cert-002"]
    assert [s.path.name for s in found.skipped] == ["Thumbs.db"]
    # the folder named directly is the same one document; its pages leave the stray file out
    assert discover_documents([tmp_path / "cert-002"]).documents == [tmp_path / "cert-002"]
    assert [p.name for p in page_files(tmp_path / "cert-002")] == ["p1.png", "p2.jpg", "p3.tif"]
    assert len(load_pages(tmp_path / "cert-002")) == 3


def test_a_folder_of_multi_page_tiffs_is_a_batch(tmp_path: Path) -> None:
    for name in ("gcn-1.tif", "gcn-2.tif"):
        _tiff(tmp_path / name, frames=3)
    assert discover_documents([tmp_path]).documents == [tmp_path / "gcn-1.tif", tmp_path / "gcn-2.tif"]
    with pytest.raises(InputFileError, match="is a batch of 2 documents"):
        load_pages(tmp_path)


@pytest.mark.parametrize("other", ["scan.pdf", "cert-009"])
def test_page_images_beside_pdfs_or_folders_are_refused_with_the_reason(tmp_path: Path, other: str) -> None:
    mixed = tmp_path / "batch" / "box-07"
    mixed.mkdir(parents=True)
    _pdf(tmp_path / "batch" / "fine.pdf")
    _page(mixed / "p1.png")
    _page(mixed / "p2.png")
    if other.endswith(".pdf"):
        _pdf(mixed / other)
    else:
        (mixed / other).mkdir()
        _pdf(mixed / other / "x.pdf")
    for target in (mixed, tmp_path / "batch"):  # named directly, or met while walking a batch above it
        with pytest.raises(InputFileError) as info:
            discover_documents([target])
        message = str(info.value)
        assert message.startswith(str(mixed)) and "p1.png" in message and other in message
        assert "either one document" in message
    with pytest.raises(InputFileError, match="either one document"):
        load_pages(mixed)


def test_missing_and_empty_paths_are_errors(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no such file or folder"):
        discover_documents([tmp_path / "nope"])
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "readme.md").write_text("nothing here")
    with pytest.raises(InputFileError, match=r"holds no scans.*readme.md: not a scan \(.md\)"):
        discover_documents([tmp_path / "empty"])


def test_a_link_back_up_the_tree_is_walked_once(tmp_path: Path) -> None:
    (tmp_path / "box").mkdir()
    _pdf(tmp_path / "box" / "a.pdf")
    os.symlink(tmp_path, tmp_path / "box" / "loop")
    found = discover_documents([tmp_path])
    assert found.documents == [tmp_path / "box" / "a.pdf"]
    assert [s.reason for s in found.skipped] == ["a link to a folder already walked"]


@pytest.mark.ocr
@pytest.mark.slow
def test_extract_of_a_box_of_three_pdfs_prints_three_records(tmp_path: Path) -> None:
    box = tmp_path / "box-01"
    box.mkdir()
    for name in TWO_PAGE:
        shutil.copy(SAMPLES / name, box / name)
        shutil.copy((SAMPLES / name).with_suffix(".json"), box / f"{Path(name).stem}.truth.json")
    done = _cli("extract", str(box), "--jsonl", "--workers", "2")
    assert done.returncode == 0, done.stderr[-2000:]
    records = [json.loads(line) for line in done.stdout.splitlines()]
    truths = [json.loads((SAMPLES / n).with_suffix(".json").read_text()) for n in TWO_PAGE]
    assert [r["serial"] for r in records] == [t["serial"] for t in truths]
    assert "skipped 3 — not a scan (.json)" in done.stderr


@pytest.mark.db
def test_extract_and_build_refuse_a_mixed_folder_before_reading(tmp_path: Path) -> None:
    _page(tmp_path / "p1.png")
    shutil.copy(SAMPLES / TWO_PAGE[0], tmp_path / TWO_PAGE[0])
    url = create_database("landdb_test_layout_mixed")
    for command in ("extract", "build"):
        done = _cli(command, str(tmp_path), env={"LANDDB_DATABASE_URL": url})
        assert done.returncode != 0 and done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and str(tmp_path) in lines[0] and "either one document" in lines[0], done.stderr
    with psycopg.connect(url) as conn:
        assert conn.execute("select count(*) from ingest_run").fetchone()[0] == 0


@pytest.mark.db
@pytest.mark.ocr
@pytest.mark.slow
def test_build_of_boxes_loads_every_certificate(tmp_path: Path) -> None:
    url = create_database("landdb_test_layout_boxes")
    for box, names in {"box-01": TWO_PAGE[:2], "box-02": TWO_PAGE[2:]}.items():
        (tmp_path / box).mkdir()
        for name in names:
            shutil.copy(SAMPLES / name, tmp_path / box / name)
    shutil.copy((SAMPLES / TWO_PAGE[0]).with_suffix(".json"), tmp_path / "box-01" / "truth.json")
    done = _cli("build", str(tmp_path), "--json", "--workers", "2",
                env={"LANDDB_DATABASE_URL": url, "PREFECT_HOME": str(tmp_path / "prefect")})
    assert done.returncode == 0, done.stderr[-2000:]
    summary = json.loads(done.stdout)
    assert summary["status"] == "done" and summary["outcomes"] == {"loaded": 3}
    assert "skipped 1 — not a scan (.json): truth.json" in done.stderr
    shown = _cli("runs", "show", str(summary["run_id"]), env={"LANDDB_DATABASE_URL": url}).stdout
    assert f"not a document: {tmp_path / 'box-01' / 'truth.json'}: not a scan (.json)" in shown, shown
    truths = sorted(json.loads((SAMPLES / n).with_suffix(".json").read_text())["serial"] for n in TWO_PAGE)
    with psycopg.connect(url, row_factory=dict_row) as conn:
        rows = conn.execute("select c.serial, d.path from certificate c join source_document d on d.id = c.document_id"
                            " order by c.serial").fetchall()
    assert [r["serial"] for r in rows] == truths
    assert {Path(r["path"]).parent.name for r in rows} == {"box-01", "box-02"}


@pytest.fixture(autouse=True, scope="module")
def _drop_databases():
    yield
    from psycopg import sql as pgsql

    from landdb.settings import Settings

    with psycopg.connect(Settings().url, autocommit=True) as admin:
        for name in ("landdb_test_layout_mixed", "landdb_test_layout_boxes"):
            admin.execute(pgsql.SQL("drop database if exists {} with (force)").format(pgsql.Identifier(name)))
