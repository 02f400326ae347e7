"""The VBDLIS workbook opens in LibreOffice: converted headlessly to PDF, its first page carries the template's
title, captions, Mục numbers and the exported rows (read back with pdftotext), and renders to a landscape PNG."""

from __future__ import annotations

import shutil
import struct
import subprocess

import pytest

from landdb.export import vbdlis
from landdb.export.vbdlis_template import TITLE
from landdb.export.vbdlis_workbook import write
from tests.conftest import IN_CI
from tests.test_vbdlis import CLASS, HEAD, SINGLE, WIFE, plant

pytestmark = [pytest.mark.db]


def tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        message = f"{name} is not installed (Makefile APT_PACKAGES: libreoffice-calc-nogui, poppler-utils)"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    return found


def render_first_page(xlsx, outdir) -> tuple:
    """xlsx → PDF (LibreOffice, its own profile so a running instance is not disturbed) → page 1 as PNG and text."""
    soffice = tool("soffice")
    done = subprocess.run([soffice, f"-env:UserInstallation=file://{outdir}/lo-profile", "--headless",
                           "--convert-to", "pdf", "--outdir", str(outdir), str(xlsx)],
                          capture_output=True, text=True, timeout=120)
    pdf = outdir / (xlsx.stem + ".pdf")
    assert done.returncode == 0 and pdf.exists(), done.stderr
    subprocess.run([tool("pdftoppm"), "-png", "-r", "80", "-f", "1", "-l", "1", "-singlefile", str(pdf),
                    str(outdir / "page1")], check=True, timeout=60)
    text = subprocess.run([tool("pdftotext"), "-f", "1", "-l", "1", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True, timeout=60).stdout
    return pdf, outdir / "page1.png", text


def test_the_workbook_converts_to_pdf_and_its_first_page_shows_header_and_rows(conn, tmp_path) -> None:
    plant(conn, "VB4", "AG 00000601", "6", "1", [HEAD, WIFE])
    plant(conn, "VB4", "AG 00000602", "6", "2", [SINGLE], east=601020.0)
    conn.commit()
    result = vbdlis.build(conn, "VB4", parcel_class=CLASS)
    assert result.problems == []
    pdf, png, text = render_first_page(write(result.rows, tmp_path / "vb4.xlsx"), tmp_path)
    words = " ".join(text.split())
    assert " ".join(TITLE.split()) in words                      # the title, accents intact
    assert "Số phát hành GCN" in words and "Mã ĐVHC cấp xã" in words
    assert "- 1 2 3 4" in words                                   # the Mục row under A B C D E
    assert [serial for serial in ("AG 00000601", "AG 00000602") if serial in words] == ["AG 00000601",
                                                                                         "AG 00000602"]
    assert words.count("AG 00000601") == 2                         # the household: head and member rows
    header = png.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", header[16:24])
    assert width > height > 300                                   # a landscape page (print setup of the sheet)
