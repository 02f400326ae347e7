"""Write and read the VBDLIS import workbook with openpyxl (layout: :mod:`landdb.export.vbdlis_template`).

The file is written beside its target and renamed into place, so a stopped export never leaves half a workbook.
"""

from __future__ import annotations

import io
import os
import tempfile
from pathlib import Path
from typing import Any

from openpyxl import Workbook, load_workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import column_index_from_string

from landdb.errors import InputFileError
from landdb.export.vbdlis_template import (
    CAPTION_ROW,
    COLUMNS,
    FIRST_DATA_ROW,
    GROUP_ROW,
    HELPER_SHEETS,
    LETTERS,
    MUC_ROW,
    SHEET,
    TITLE,
    TITLE_ROW,
)

FONT = "Times New Roman"   # the typeface of Vietnamese administrative documents (Nghị định 30/2020)
WIDTHS = {"A": 6, "C": 22, "H": 24, "L": 64, "X": 64, "BG": 36, "BH": 36}   # text columns read whole; others 14


def _header(ws) -> None:
    ws.cell(TITLE_ROW, 1, TITLE).font = Font(name=FONT, bold=True, size=13)
    ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=len(COLUMNS))
    start = 0
    for i in range(1, len(COLUMNS) + 1):   # the group row: one merged cell per run of columns of one group
        if i == len(COLUMNS) or COLUMNS[i].group != COLUMNS[start].group:
            if COLUMNS[start].group:
                ws.cell(GROUP_ROW, start + 1, COLUMNS[start].group).font = Font(name=FONT, bold=True)
                if i - start > 1:
                    ws.merge_cells(start_row=GROUP_ROW, start_column=start + 1, end_row=GROUP_ROW, end_column=i)
            start = i
    wrap = Alignment(wrap_text=True, vertical="center", horizontal="center")
    for col in COLUMNS:
        cap = ws[f"{col.letter}{CAPTION_ROW}"]
        cap.value, cap.font, cap.alignment = col.caption, Font(name=FONT, bold=True), wrap
        muc = ws[f"{col.letter}{MUC_ROW}"]
        muc.value, muc.alignment = (col.muc if col.muc is not None else "-"), wrap
        ws.column_dimensions[col.letter].width = WIDTHS.get(col.letter, 14)
    ws.row_dimensions[CAPTION_ROW].height = 45
    ws.freeze_panes = f"B{FIRST_DATA_ROW}"
    ws.page_setup.orientation = "landscape"
    ws.print_title_rows = f"{TITLE_ROW}:{MUC_ROW}"


def to_bytes(rows: list[dict[str, Any]]) -> bytes:
    """The workbook as the bytes of an .xlsx file (for the web app's download)."""
    buffer = io.BytesIO()
    workbook(rows).save(buffer)
    return buffer.getvalue()


def write(rows: list[dict[str, Any]], out: str | Path) -> Path:
    """Write the workbook of ``rows`` to ``out`` (replaced only once it is complete)."""
    out = Path(out)
    wb = workbook(rows)
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(suffix=".xlsx", dir=out.parent)
    os.close(fd)
    try:
        wb.save(tmp)
        os.replace(tmp, out)
    finally:
        if os.path.exists(tmp):
            os.unlink(tmp)
    return out


def workbook(rows: list[dict[str, Any]]) -> Workbook:
    """``rows`` (column letter -> value) from row 5 of ``Sheet1``; the helper sheets carry headers only."""
    wb = Workbook()
    ws = wb.active
    ws.title = SHEET
    _header(ws)
    centre = Alignment(horizontal="center")
    for n, row in enumerate(rows):
        for letter, value in row.items():
            if value is not None and value != "":
                cell = ws.cell(FIRST_DATA_ROW + n, column_index_from_string(letter), value)
                if letter == "A":
                    cell.alignment = centre
    for name, captions in HELPER_SHEETS.items():
        helper = wb.create_sheet(name)
        for i, caption in enumerate(captions, start=1):
            helper.cell(1, i, caption).font = Font(name=FONT, bold=True)
    return wb


def read(path: str | Path) -> tuple[list[list[Any]], list[dict[str, Any]]]:
    """The header rows (1–4, as lists of 61 values) and the data rows (column letter -> value, empty cells left
    out) of a VBDLIS workbook."""
    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except (OSError, KeyError, ValueError) as exc:
        raise InputFileError(path, f"not a readable .xlsx workbook: {exc}") from exc
    if SHEET not in wb.sheetnames:
        raise InputFileError(path, f"no sheet {SHEET!r} (sheets: {', '.join(wb.sheetnames)})")
    ws = wb[SHEET]
    header: list[list[Any]] = []
    rows: list[dict[str, Any]] = []
    for n, values in enumerate(ws.iter_rows(min_row=1, max_col=len(LETTERS), values_only=True), start=1):
        values = list(values) + [None] * (len(LETTERS) - len(values))
        if n < FIRST_DATA_ROW:
            header.append(values)
        elif any(v is not None for v in values):
            rows.append({letter: v for letter, v in zip(LETTERS, values, strict=True) if v is not None})
    wb.close()
    return header, rows
