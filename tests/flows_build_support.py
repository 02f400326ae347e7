"""What the end-to-end build tests (tests/test_flows_build*.py) share: the generated scans, `landdb build` in a
subprocess, five bad inputs with the word each failure reason must hold, and the database contents that must
not depend on the task runner."""

from __future__ import annotations

import fcntl
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import psycopg
from PIL import Image, ImageDraw, ImageFont
from psycopg.rows import dict_row

GOOD = 12
SEED = 4040


def good_scans() -> list[Path]:
    """The 12 generated scans (2-page 2024 form: the end-to-end runs stay within the test-time budget). Two test
    files use them and may start together on two workers: the first renders them, the other waits for it."""
    from sample_scans.cache import cache_root, generated

    cache_root().mkdir(parents=True, exist_ok=True)
    with open(cache_root() / ".flows_build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        return [pdf for pdf, _truth in generated(GOOD, SEED, forms=("GCN-2024",))]


def env(url: str, prefect_home: Path) -> dict[str, str]:
    return {**os.environ, "LANDDB_DATABASE_URL": url, "PREFECT_HOME": str(prefect_home)}


def build(url: str, scans: Path, tmp: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "landdb.cli.main", "build", str(scans), "--json", *extra],
                          env=env(url, tmp / "prefect"), capture_output=True, text=True, timeout=900)


def one(conn: psycopg.Connection, sql: str) -> int:
    return conn.execute(sql).fetchone()["n"]


def link_batch(folder: Path, scans: list[Path]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for pdf in scans:
        os.symlink(pdf, folder / pdf.name)
    return folder


def bad_files(folder: Path, real_pdf: Path) -> dict[str, str]:
    """Five bad inputs and a word their failure reason must contain. The two images are single-page documents,
    each in a folder of its own (page images beside PDFs would make the batch ambiguous, and be refused)."""
    (folder / "zero.pdf").write_bytes(b"")
    (folder / "truncated.pdf").write_bytes(real_pdf.read_bytes()[:4000])
    (folder / "notes.pdf").write_bytes(b"minutes of the meeting, not a scan\n")
    (folder / "blank").mkdir()
    (folder / "receipt").mkdir()
    Image.new("RGB", (2480, 3508), (250, 250, 250)).save(folder / "blank" / "blank.png")
    photo = Image.new("RGB", (2480, 3508), (255, 255, 255))
    font = ImageFont.truetype("DejaVuSans.ttf", 60)
    draw = ImageDraw.Draw(photo)
    for i, line in enumerate(["HÓA ĐƠN BÁN HÀNG", "Bánh mì 3 ổ 45.000 đồng", "Tổng cộng: 55.000 đồng"]):
        draw.text((200, 300 + i * 120), line, fill=(20, 20, 20), font=font)
    noisy = np.asarray(photo, np.int16) + np.random.default_rng(3).normal(0, 6, (3508, 2480, 1))
    Image.fromarray(np.clip(noisy, 0, 255).astype(np.uint8)).save(folder / "receipt" / "receipt.jpg", quality=85)
    return {"zero.pdf": "empty", "truncated.pdf": "truncated", "notes.pdf": "neither",
            "blank": "blank", "receipt": "not a"}


def contents(url: str) -> dict[str, object]:
    """The database contents that must not depend on the task runner, keyed by document hash."""
    with psycopg.connect(url, row_factory=dict_row) as conn:
        rows = conn.execute("""
            select d.sha256, c.form, c.serial, c.register_no, c.record - 'source' as record,
                   (select count(*) from extracted_field f where f.document_id = d.id) as fields,
                   (select count(*) from extracted_field f where f.document_id = d.id and f.flagged) as flagged,
                   (select count(*) from certificate_vertex v where v.certificate_id = c.id) as vertices,
                   (select array_agg(p.name order by p.name) from land_right r join party p on p.id = r.party_id
                     where r.certificate_id = c.id) as owners
              from source_document d join certificate c on c.document_id = d.id order by d.sha256""").fetchall()
    return {r["sha256"]: r for r in rows}
