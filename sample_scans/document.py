"""One sample document: its pages (clean or scanned), its PDF and its truth JSON.

>>> from sample_scans.records import make_certificate
>>> pages = render_document(make_certificate(1, 0, form='GCN-2024'), 'light', seed=1)
>>> len(pages), pages[0].size
(2, (2480, 3508))
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

from PIL import Image

from sample_scans.degrade import degrade_page
from sample_scans.paper import DPI
from sample_scans.records import Certificate
from sample_scans.render import render_clean

JPEG_QUALITY = {"clean": 60, "light": 55, "medium": 50, "heavy": 45}


def render_document(cert: Certificate, severity: str, seed: int) -> list[Image.Image]:
    """The certificate's pages as a scanner of ``severity`` quality returns them (PIL RGB, 300 dpi)."""
    pages = render_clean(cert, seed)
    return [degrade_page(page, severity, seed * 1000 + i + hash_serial(cert)) for i, page in enumerate(pages)]


def hash_serial(cert: Certificate) -> int:
    """A stable small number from the serial (Python's hash() is salted per process)."""
    return sum((i + 1) * ord(ch) for i, ch in enumerate(cert.record.serial or "")) % 100_000


def truth_json(cert: Certificate) -> str:
    """The ground truth exactly as written to disk (stable bytes for a given certificate)."""
    return json.dumps(cert.record.to_json_dict(), ensure_ascii=False, indent=2) + "\n"


def _atomic_write(path: Path, write) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    os.close(fd)
    try:
        write(tmp)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)


def save_pdf(pages: list[Image.Image], path: Path, quality: int = 75) -> None:
    """A multi-page 300-dpi PDF of JPEG pages, as a document scanner writes it (atomic)."""
    first, *rest = pages

    def write(tmp: str) -> None:
        first.save(tmp, "PDF", save_all=True, append_images=rest, resolution=DPI, quality=quality)

    _atomic_write(path, write)


def write_document(cert: Certificate, severity: str, seed: int, out_dir: Path, stem: str) -> tuple[Path, Path]:
    """Render, degrade and save one certificate; returns (pdf, truth json)."""
    pdf, truth = out_dir / f"{stem}.pdf", out_dir / f"{stem}.json"
    save_pdf(render_document(cert, severity, seed), pdf, JPEG_QUALITY.get(severity, 75))
    text = truth_json(cert)
    _atomic_write(truth, lambda tmp: Path(tmp).write_text(text, encoding="utf-8"))
    return pdf, truth
