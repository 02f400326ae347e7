"""The real Tesseract on generated certificates (one of each form, clean): fields right or flagged, the
recorded-engine replay, rotated pages, and ``landdb extract --jsonl`` printing schema-valid records.

Kept to a few documents (≈ 1 minute on 2 cores): accuracy over many documents is the benchmark's job.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from landdb.models import validate_record_json
from ocr.engine import RecordedEngine, RecordingEngine
from ocr.evaluate import KEY_FIELDS, compare
from ocr.extract import extract_document
from ocr.tesseract import TesseractApiEngine, TesseractCliEngine

pytestmark = [pytest.mark.ocr, pytest.mark.slow]


@pytest.fixture(scope="module")
def samples() -> list[tuple[Path, Path]]:
    from sample_scans.cache import generated

    docs = generated(2, 31, severities=("clean",))  # index 0 and 1: one of each form
    assert {json.loads(t.read_text(encoding="utf-8"))["form"] for _, t in docs} == {"GCN-2014", "GCN-2024"}
    return docs


@pytest.fixture(scope="module")
def extracted(samples, tmp_path_factory):
    """Each sample read once with the real Tesseract, every engine call recorded."""
    out = []
    for pdf, truth in samples:
        recorder = RecordingEngine(TesseractApiEngine())
        result = extract_document(pdf, engine=recorder)
        path = tmp_path_factory.mktemp("rec") / "ocr.json"
        recorder.save(path)
        out.append((pdf, json.loads(truth.read_text(encoding="utf-8")), result, path))
    return out


def test_clean_certificates_key_fields_right_or_flagged(extracted):
    for pdf, truth, result, _ in extracted:
        assert result.error is None, result.error
        data = result.to_json_dict()
        validate_record_json(data)
        outcomes = compare(data, truth)
        key = [o for o in outcomes if o.group in KEY_FIELDS]
        assert key and all(o.correct or o.flagged for o in key), [o for o in key if not o.correct]
        assert sum(o.correct for o in key) >= 0.9 * len(key), pdf
        assert data["form"] == truth["form"] and len(data["vertices"]) == len(truth["vertices"])
        assert all(0.0 <= c <= 1.0 for c in data["field_confidence"].values())


def test_recorded_engine_replays_without_tesseract(extracted):
    pdf, _, live, recording = extracted[0]
    replay = extract_document(pdf, engine=RecordedEngine.load(recording))
    assert replay.to_json_dict() == live.to_json_dict()
    assert all(f.engine == "recorded" for f in replay.fields if f.value is not None)


def test_rotated_and_skewed_pages_are_turned_upright(samples, tmp_path):
    from ocr.pages import load_pages

    pdf = next(p for p, t in samples if json.loads(t.read_text(encoding="utf-8"))["form"] == "GCN-2024")
    first, second = load_pages(pdf)
    folder = tmp_path / "scan"
    folder.mkdir()
    Image.fromarray(np.rot90(first)).save(folder / "1.png")  # scanned sideways
    Image.fromarray(second).rotate(180.8, expand=False, fillcolor=(236, 236, 232)).save(folder / "2.png")
    result = extract_document(folder)
    assert result.error is None and result.page_kinds == ["GCN-2024 p1", "GCN-2024 p2"]
    truth = json.loads(next(t for p, t in samples if p == pdf).read_text(encoding="utf-8"))
    assert result.record.serial in (truth["serial"], None)
    assert result.record.parcel.parcel_no == truth["parcel"]["parcel_no"]


def test_cli_jsonl_prints_schema_valid_records(samples, tmp_path):
    """Acceptance 1: ``landdb extract sample_scans/…/*.pdf --jsonl`` (the committed clean pair) + a bad file."""
    from landdb.settings import PROJECT_ROOT

    committed = sorted((PROJECT_ROOT / "sample_scans" / "certificates").glob("gcn_000[01]_*_clean.pdf"))
    pair = committed if len(committed) == 2 else [pdf for pdf, _ in samples]
    bad = tmp_path / "empty.pdf"
    bad.write_bytes(b"")
    paths = [str(pair[0]), str(bad), str(pair[1])]
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", "extract", *paths, "--jsonl", "--workers", "2"],
                          capture_output=True, text=True, timeout=600, check=False)
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["source"] for line in lines] == paths  # input order
    assert lines[1] == {"source": str(bad), "error": f"{bad}: the file is empty (0 bytes)"}
    assert str(bad) in done.stderr
    for line in (lines[0], lines[2]):
        validate_record_json(line)
        assert isinstance(line["flags"], list) and line["field_confidence"]


def test_in_process_and_command_line_tesseract_read_the_same(samples):
    """The in-process engine (tesserocr) is the command line's library without the process: same words, same
    confidences, same record — also from two threads at once (each thread has its own API)."""
    from concurrent.futures import ThreadPoolExecutor

    pdf = next(p for p, t in samples if json.loads(t.read_text(encoding="utf-8"))["form"] == "GCN-2024")
    api, cli = TesseractApiEngine(), TesseractCliEngine()
    from ocr.pages import load_pages
    from ocr.preprocess import text_layer

    gray = text_layer(load_pages(pdf)[0])
    cell = np.ascontiguousarray(gray[: gray.shape[0] // 4])
    assert api.words(gray, lang="vie", psm=3) == cli.words(gray, lang="vie", psm=3)
    assert api.words(cell, lang="eng", psm=6, whitelist="0123456789") == \
        cli.words(cell, lang="eng", psm=6, whitelist="0123456789")
    with ThreadPoolExecutor(2) as pool:
        records = list(pool.map(lambda engine: extract_document(pdf, engine=engine).to_json_dict(), [api, cli]))
    assert records[0] == records[1]
    with pytest.raises(Exception, match="language 'xx'"):
        api.words(cell, lang="xx", psm=6)


def test_a_missing_page_flags_what_it_held(samples, tmp_path):
    """A 2014 certificate scanned without its page 3 (sketch, coordinate table, first changes): the record has
    no vertices and not the first changes, and says so — nothing read from page 4 passes for what page 3 held."""
    import pypdfium2 as pdfium

    pdf_path, truth_path = next((p, t) for p, t in samples
                                if json.loads(t.read_text(encoding="utf-8"))["form"] == "GCN-2014")
    pdf = pdfium.PdfDocument(str(pdf_path))
    pdf.del_page(2)
    short = tmp_path / "no_page_3.pdf"
    pdf.save(str(short))
    result = extract_document(short)
    assert result.error is None and "GCN-2014 p3" not in result.page_kinds
    flagged = {f["field"]: f["reason"] for f in result.to_json_dict()["flags"]}
    assert "coordinate table" in flagged["vertices"] and "p3" in flagged["changes"]
    outcomes = compare(result.to_json_dict(), json.loads(truth_path.read_text(encoding="utf-8")))
    assert not [o.field for o in outcomes if not o.correct and not o.flagged]
