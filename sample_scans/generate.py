"""Generate sample certificates: ``python -m sample_scans.generate --count N --seed S --out DIR``.

Writes per certificate ``<stem>.pdf`` (300-dpi scan) and ``<stem>.json`` (truth, shared schema), and a
``manifest.json`` listing every document with its form, severity, page count and map key.
Form alternates by index and the severity cycles every two documents, so 8 documents cover both
forms in all four severities.
"""

from __future__ import annotations

import argparse
import json
import sys
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from sample_scans.degrade import SEVERITIES
from sample_scans.records import Certificate, Plot, make_certificate
from sample_scans.style import STYLES, using

FORMS = ("GCN-2014", "GCN-2024")
GENERATOR_VERSION = "3"  # bump when rendering or truth changes: it keys the cache
MAP_SHEET = 2  # the sheet drawn as a scanned paper map


def plan(count: int, seed: int, severities: tuple[str, ...] = SEVERITIES,
         plots: list[Plot] | None = None, forms: tuple[str, ...] = FORMS) -> list[tuple[int, str, Certificate]]:
    """(index, severity, certificate) for each document of the series, without rendering."""
    out = []
    for i in range(count):
        plot = plots[i] if plots is not None else None
        cert = make_certificate(seed, i, plot=plot, form=forms[i % len(forms)])
        out.append((i, severities[(i // 2) % len(severities)], cert))
    return out


def stem_for(index: int, cert: Certificate, severity: str) -> str:
    return f"gcn_{index:04d}_{cert.record.form[-4:]}_{severity}"


def _write_one(args: tuple[int, str, Certificate, int, str, str]) -> dict:
    from sample_scans.document import write_document

    index, severity, cert, seed, out, style = args
    stem = stem_for(index, cert, severity)
    with using(style):
        pdf, truth = write_document(cert, severity, seed, Path(out), stem)
    return {"index": index, "pdf": pdf.name, "truth": truth.name, "form": cert.record.form, "severity": severity,
            "pages": 4 if cert.record.form == "GCN-2014" else 2, "key": cert.key}


def generate(count: int, seed: int, out: Path, severities: tuple[str, ...] = SEVERITIES, jobs: int = 1,
             plots: list[Plot] | None = None, forms: tuple[str, ...] = FORMS, style: str = "standard") -> list[dict]:
    """Render ``count`` documents into ``out``; returns the manifest entries (also written to manifest.json).
    ``style``: :mod:`sample_scans.style` ('unseen' for other typefaces, names and places)."""
    out.mkdir(parents=True, exist_ok=True)
    with using(style):
        documents = plan(count, seed, severities, plots, forms)
    work = [(i, sev, cert, seed, str(out), style) for i, sev, cert in documents]
    if jobs > 1 and len(work) > 1:
        with ProcessPoolExecutor(max_workers=jobs) as pool:
            entries = list(pool.map(_write_one, work))
    else:
        entries = [_write_one(w) for w in work]
    manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "count": count,
                "severities": list(severities), "style": style, "documents": entries}
    (out / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return entries


def generate_with_map(count: int, seed: int, out: Path, severities: tuple[str, ...] = SEVERITIES,
                      jobs: int = 1) -> dict:
    """Certificates on one ward map: ``out/certificates/``, ``out/cadastre.gpkg`` (layer ``thua_dat``),
    ``out/expected_findings.json`` listing every planted defect, and ``out/mapsheet/`` (a scanned paper sheet
    with its ground control points)."""
    from sample_scans import cadastre
    from sample_scans.plant import SCALE, build_sample

    sample = build_sample(seed, count)
    entries = generate(count, seed, out / "certificates", severities, jobs, plots=sample.plots)
    by_index = {e["index"]: e for e in entries}
    findings = []
    for finding in sample.findings:
        index = finding.pop("certificate_index", None)
        if index is not None:
            finding["certificate"] = f"certificates/{by_index[index]['truth']}"
        findings.append(finding)
    write_map(sample.map, out / "cadastre.gpkg")
    from sample_scans.mapsheet import write_sheet

    sheet = write_sheet(sample.map, MAP_SHEET, out / "mapsheet", seed)
    doc = {"map": "cadastre.gpkg", "layer": "thua_dat", "crs": cadastre.CRS, "commune": cadastre.COMMUNE,
           "commune_name": f"{cadastre.WARD[1]}, Quận {cadastre.WARD[0]}, TP. Hồ Chí Minh",
           "scale": SCALE, "area_tolerance": "0.0004 * scale * sqrt(area) m²", "seed": seed,
           "parcels": len(sample.map), "paper_sheet": f"mapsheet/{sheet['image']}", "findings": findings}
    (out / "expected_findings.json").write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n",
                                                encoding="utf-8")
    return doc


def write_map(frame, path: Path) -> None:
    """Write the map as a GeoPackage, atomically."""
    tmp = path.with_name(f".{path.name}.tmp.gpkg")
    tmp.unlink(missing_ok=True)
    frame.to_file(tmp, layer="thua_dat", driver="GPKG")
    tmp.replace(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m sample_scans.generate", description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=12)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--severities", default=",".join(SEVERITIES),
                        help="comma-separated subset of clean,light,medium,heavy")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes")
    parser.add_argument("--style", choices=STYLES, default="standard",
                        help="'unseen': other typefaces, names and places (to measure OCR, never to calibrate it)")
    parser.add_argument("--with-map", action="store_true",
                        help="put the certificates on a ward map: also write cadastre.gpkg and expected_findings.json")
    args = parser.parse_args(argv)
    severities = tuple(s.strip() for s in args.severities.split(",") if s.strip())
    bad = [s for s in severities if s not in SEVERITIES]
    if bad or not severities:
        parser.error(f"unknown severity {bad}; use {','.join(SEVERITIES)}")
    if args.with_map:
        doc = generate_with_map(args.count, args.seed, args.out, severities, args.jobs)
        print(f"wrote {args.count} certificates, a map of {doc['parcels']} parcels and "
              f"{len(doc['findings'])} planted findings to {args.out}", file=sys.stderr)
    else:
        entries = generate(args.count, args.seed, args.out, severities, args.jobs, style=args.style)
        print(f"wrote {len(entries)} certificates to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
