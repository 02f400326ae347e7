"""The pictures of the HTML QA report, as inline SVG (one self-contained file, nothing fetched): a small map
per finding (the finding's shape in red, the parcels it names in grey, their neighbours in outline, a scale
bar) and a chart of the findings per rule and commune.

>>> nice_length(37.0)
20.0
>>> chart({("overlap", "A"): 3, ("gap", "A"): 1, ("overlap", "B"): 2}).count("<rect")
5
"""

from __future__ import annotations

import html
import math
from collections.abc import Mapping
from typing import Any

PALETTE = ("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948", "#b07aa1", "#ff9da7", "#9c755f",
           "#bab0ac")


def nice_length(span: float) -> float:
    """A round length (1, 2 or 5 × 10ⁿ) no longer than ``span``."""
    if span <= 0:
        return 0.0
    power = 10 ** math.floor(math.log10(span))
    return float(next(m * power for m in (5, 2, 1) if m * power <= span))


def _scale_bar(bx: float, by: float, bw: float, bh: float, stroke: float) -> str:
    length = nice_length(bw / 3)
    if not length:
        return ""
    x0, y0 = bx + bw * 0.05, by + bh * 0.93
    label = f"{length:g} m"
    return (f'<line x1="{x0:.3f}" y1="{y0:.3f}" x2="{x0 + length:.3f}" y2="{y0:.3f}" stroke="#000" '
            f'stroke-width="{2 * stroke:.4f}"/><text x="{x0:.3f}" y="{y0 - bh * 0.02:.3f}" '
            f'font-size="{bh / 12:.3f}" font-family="sans-serif">{label}</text>')


def finding_map(f: Mapping[str, Any], size: int = 180) -> str:
    """The finding's small map (empty when it has no geometry)."""
    if f.get("bw") is None:
        return ""
    bx, by, bw, bh = (float(f[k]) for k in ("bx", "by", "bw", "bh"))
    stroke = max(bw, bh) / size
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="{bx:.3f} {by:.3f} {bw:.3f} {bh:.3f}" '
             f'width="{size}" height="{size}" style="background:#fafafa">']
    if f.get("neighbour_paths"):
        parts.append(f'<path d="{html.escape(f["neighbour_paths"])}" fill="none" stroke="#aaa" '
                     f'stroke-width="{stroke:.4f}"/>')
    if f.get("context_paths"):
        parts.append(f'<path d="{html.escape(f["context_paths"])}" fill="#ddd" stroke="#666" '
                     f'stroke-width="{stroke:.4f}" fill-rule="evenodd"/>')
    if f.get("svg_path"):
        filled = "POLYGON" in (f.get("geom_type") or "")
        parts.append(f'<path d="{html.escape(f["svg_path"])}" fill="{"#e33" if filled else "none"}" '
                     f'fill-opacity="0.6" stroke="#c00" stroke-width="{2 * stroke:.4f}" fill-rule="evenodd"/>')
    elif f.get("px") is not None:
        parts.append(f'<circle cx="{float(f["px"]):.3f}" cy="{float(f["py"]):.3f}" r="{4 * stroke:.4f}" '
                     'fill="#c00"/>')
    parts.append(_scale_bar(bx, by, bw, bh, stroke))
    parts.append("</svg>")
    return "".join(parts)


def chart(counts: Mapping[tuple[str, str], int], width: int = 640) -> str:
    """Horizontal bars, one per rule, stacked by commune, with a legend."""
    rules = sorted({r for r, _ in counts}, key=lambda r: -sum(n for (q, _), n in counts.items() if q == r))
    communes = sorted({c for _, c in counts})
    if not rules:
        return ""
    colour = {c: PALETTE[i % len(PALETTE)] for i, c in enumerate(communes)}
    most = max(sum(n for (q, _), n in counts.items() if q == r) for r in rules)
    label_w, bar_w, row_h = 190, width - 260, 20
    height = row_h * len(rules) + 24 * math.ceil(len(communes) / 4) + 10
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" '
             'font-size="12">']
    for i, rule in enumerate(rules):
        y, x = i * row_h, label_w
        parts.append(f'<text x="{label_w - 6}" y="{y + 14}" text-anchor="end">{html.escape(rule)}</text>')
        for commune in communes:
            n = counts.get((rule, commune), 0)
            if n:
                w = bar_w * n / most
                parts.append(f'<rect x="{x:.1f}" y="{y + 3}" width="{max(w, 1):.1f}" height="{row_h - 6}" '
                             f'fill="{colour[commune]}"><title>{html.escape(rule)} · {html.escape(commune)}: '
                             f'{n}</title></rect>')
                x += w
        total = sum(counts.get((rule, c), 0) for c in communes)
        parts.append(f'<text x="{x + 4:.1f}" y="{y + 14}">{total}</text>')
    top = row_h * len(rules) + 8
    for i, commune in enumerate(communes):
        x, y = (i % 4) * (width // 4), top + (i // 4) * 24
        parts.append(f'<rect x="{x}" y="{y}" width="12" height="12" fill="{colour[commune]}"/>'
                     f'<text x="{x + 16}" y="{y + 11}">{html.escape(commune or "—")}</text>')
    parts.append("</svg>")
    return "".join(parts)
