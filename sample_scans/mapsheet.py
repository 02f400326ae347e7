"""A scanned paper cadastral map sheet (1:500) with its ground control points as truth.

The sheet is drawn from the sample ward map: parcel lines, parcel numbers and land-use codes, road and
canal names, the neat line with grid crosses every 50 m (10 cm on paper), coordinates along the edges and
at the four corners, title and scale. The "scan" then rotates it about 1°, stretches it a little and
bends it smoothly (paper and scanner distortion), blurs and adds noise. The TIFF (grayscale, JPEG-compressed)
carries no georeference.

The truth CSV lists every grid cross (``pixel_col,pixel_row,easting,northing,id,role``): pixel positions
are where the cross lands in the scan (centre of pixel = integer + 0.5 is *not* used: a pixel's centre is
its integer index). ``role`` is ``gcp`` (for fitting) or ``check`` (held back to measure the fit).

>>> k = PX_PER_M
>>> round(k, 3)
15.748
"""

from __future__ import annotations

import csv
import json
import math
import random
from pathlib import Path

import geopandas as gpd
import numpy as np
from PIL import Image, ImageChops, ImageDraw
from shapely.geometry import Polygon

from sample_scans import cadastre
from sample_scans.layout import Canvas

DPI = 200
SCALE = 500
PX_PER_M = DPI / 25.4 * 1000 / SCALE  # pixels per ground metre on the paper at this scan resolution
GRID_M = 50.0
MARGIN = (330, 480, 330, 420)  # left, top, right, bottom in pixels (ideal sheet)


class SheetFrame:
    """Ideal (undistorted) pixel coordinates of a VN-2000 sheet square."""

    def __init__(self, square: Polygon) -> None:
        self.e0, self.n0, self.e1, self.n1 = square.bounds
        self.width = MARGIN[0] + MARGIN[2] + round((self.e1 - self.e0) * PX_PER_M)
        self.height = MARGIN[1] + MARGIN[3] + round((self.n1 - self.n0) * PX_PER_M)

    def px(self, e: float, n: float) -> tuple[float, float]:
        return MARGIN[0] + (e - self.e0) * PX_PER_M, MARGIN[1] + (self.n1 - n) * PX_PER_M


def _label_parcels(c: Canvas, frame: SheetFrame, parcels: gpd.GeoDataFrame) -> None:
    for _, row in parcels.iterrows():
        geom = row.geometry
        if geom.is_empty:
            continue
        pt = geom.representative_point()
        x, y = frame.px(pt.x, pt.y)
        if row["loai_dat"] in ("DGT", "SON"):
            name = row["dia_chi"].split(",")[0]
            c.text((x, y - 14), name, "serif-italic", 30, fill=(40, 40, 40), anchor="mm")
            c.text((x, y + 20), f"{row['thua']}", "serif", 24, fill=(40, 40, 40), anchor="mm")
            continue
        small = geom.area < 70
        c.text((x, y - (0 if small else 11)), str(row["thua"]), "sans", 21 if small else 24, anchor="mm")
        if not small:
            c.text((x, y + 14), row["loai_dat"], "sans", 17, anchor="mm")


def cross(page: Image.Image, x: float, y: float, arm: int = 22, width: int = 3, ss: int = 8) -> None:
    """A grid cross centred at sub-pixel (x, y) (pixel centres at integers), drawn 8x supersampled and
    box-filtered, so the GCP truth and the ink agree to ~1/16 px (Pillow rounds plain line ends)."""
    size = 2 * arm + 8
    ox, oy = math.floor(x) - size // 2, math.floor(y) - size // 2
    big = Image.new("L", (size * ss, size * ss), 255)
    draw = ImageDraw.Draw(big)
    cx, cy = (x - ox) * ss + (ss - 1) / 2, (y - oy) * ss + (ss - 1) / 2  # centre in supersampled pixels
    half, reach = width * ss / 2, arm * ss
    draw.rectangle((round(cx - reach), round(cy - half + 0.5), round(cx + reach), round(cy + half - 0.5)), fill=0)
    draw.rectangle((round(cx - half + 0.5), round(cy - reach), round(cx + half - 0.5), round(cy + reach)), fill=0)
    patch = big.resize((size, size), Image.BOX).convert(page.mode)
    region = page.crop((ox, oy, ox + size, oy + size))
    page.paste(ImageChops.darker(region, patch), (ox, oy))


def _grid(c: Canvas, frame: SheetFrame) -> None:
    draw = c.draw
    x0, y0 = frame.px(frame.e0, frame.n1)
    x1, y1 = frame.px(frame.e1, frame.n0)
    corners = [(round(x0), round(y0)), (round(x1), round(y0)), (round(x1), round(y1)), (round(x0), round(y1))]
    draw.line([*corners, corners[0]], fill=(0, 0, 0), width=3)  # the neat line, centred on the sheet edge
    draw.rectangle((x0 - 60, y0 - 60, x1 + 60, y1 + 60), outline=(0, 0, 0), width=9)
    steps = int(round((frame.e1 - frame.e0) / GRID_M))
    for i in range(steps + 1):
        e = frame.e0 + i * GRID_M
        x, _ = frame.px(e, frame.n0)
        label = f"{e:,.0f}".replace(",", " ")
        c.text((x, y0 - 12), label, "sans", 26, anchor="md")
        c.text((x, y1 + 14), label, "sans", 26, anchor="ma")
        for j in range(steps + 1):
            n = frame.n0 + j * GRID_M
            _, y = frame.px(e, n)
            if i == 0:
                lab = f"{n:,.0f}".replace(",", " ")
                c.text((x0 - 12, y), lab, "sans", 26, anchor="rm")
                c.text((x1 + 12, y), lab, "sans", 26, anchor="lm")
            cross(c.page, x, y)
    for (e, n), (ax, ay) in {(frame.e0, frame.n1): ("r", "d"), (frame.e1, frame.n1): ("l", "d"),
                             (frame.e0, frame.n0): ("r", "a"), (frame.e1, frame.n0): ("l", "a")}.items():
        x, y = frame.px(e, n)
        dx = -70 if ax == "r" else 70
        dy = -70 if ay == "d" else 70
        first, second = f"X = {n:.2f}", f"Y = {e:.2f}"  # Vietnamese convention: X northing, Y easting
        c.text((x + dx, y + dy - (34 if ay == "d" else 0)), first, "sans-bold", 28, anchor=ax + ay)
        c.text((x + dx, y + dy + (0 if ay == "d" else 34)), second, "sans-bold", 28, anchor=ax + ay)


def draw_sheet(parcels: gpd.GeoDataFrame, sheet: int) -> tuple[Image.Image, SheetFrame]:
    """The clean, undistorted paper sheet and its pixel frame."""
    square = cadastre.sheet_squares_vn2000()[sheet]
    frame = SheetFrame(square)
    page = Image.new("RGB", (frame.width, frame.height), (252, 251, 246))
    c = Canvas(page)
    clipped = parcels[parcels.intersects(square)].copy()
    clipped["geometry"] = clipped.geometry.make_valid().intersection(square)
    for geom in clipped.geometry:
        for poly in getattr(geom, "geoms", [geom]):
            if isinstance(poly, Polygon):
                pts = [frame.px(x, y) for x, y in poly.exterior.coords]
                c.draw.line(pts, fill=(0, 0, 0), width=2)
    # only this sheet's parcels carry numbers; neighbours' parts crossing the frame are drawn unlabelled
    _label_parcels(c, frame, clipped[(clipped.area > 12) & (clipped["to_ban_do"] == sheet)])
    _grid(c, frame)
    c.centered(70, "BẢN ĐỒ ĐỊA CHÍNH", "serif-bold", 78)
    c.centered(170, f"{cadastre.WARD[1].upper()} - QUẬN {cadastre.WARD[0].upper()} - THÀNH PHỐ HỒ CHÍ MINH",
               "serif-bold", 42)
    c.text((frame.width - 330, 250), f"Tờ số: {sheet}", "serif-bold", 44, anchor="ra")
    c.text((330, 250), f"Mã ĐVHC: {cadastre.COMMUNE}", "serif", 36)
    c.centered(frame.height - 230, "TỶ LỆ 1:500", "serif-bold", 48)
    c.centered(frame.height - 160, "Hệ tọa độ VN-2000, kinh tuyến trục 105°45', múi chiếu 3°", "serif-italic", 36)
    return page, frame


class ScanWarp:
    """Scan pixel -> ideal pixel: a rotation, a slight anisotropic stretch, a shift and a smooth bend."""

    def __init__(self, rng: random.Random, width: int, height: int) -> None:
        angle = math.radians(rng.uniform(0.7, 1.5) * rng.choice([-1, 1]))
        sx, sy = 1 + rng.uniform(0.002, 0.006), 1 - rng.uniform(0.001, 0.004)
        self.a = np.array([[math.cos(angle) * sx, -math.sin(angle) * sy],
                           [math.sin(angle) * sx, math.cos(angle) * sy]])
        self.b = np.array([rng.uniform(-40, -10), rng.uniform(-35, -5)])
        self.w, self.h = width, height
        self.bend = rng.uniform(3.0, 6.0)  # pixels of bow at the middle of the sheet
        self.wave = rng.uniform(1.5, 3.0)

    def __call__(self, col: np.ndarray, row: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        u = self.a[0, 0] * col + self.a[0, 1] * row + self.b[0]
        v = self.a[1, 0] * col + self.a[1, 1] * row + self.b[1]
        t, s = row / self.h, col / self.w
        u = u + self.bend * 4 * t * (1 - t)
        v = v + self.wave * np.sin(2 * math.pi * s)
        return u, v

    def inverse(self, u: float, v: float) -> tuple[float, float]:
        """The scan pixel that lands on ideal pixel (u, v) (Newton on a near-affine map)."""
        inv = np.linalg.inv(self.a)
        q = inv @ (np.array([u, v]) - self.b)
        for _ in range(30):
            fu, fv = self(np.array(q[0]), np.array(q[1]))
            q = q - inv @ np.array([float(fu) - u, float(fv) - v])
        return float(q[0]), float(q[1])


def scan(page: Image.Image, rng: random.Random) -> tuple[Image.Image, ScanWarp, tuple[np.ndarray, np.ndarray]]:
    """Distort and degrade the sheet like a large-format scan; grayscale."""
    import albumentations as A
    import cv2

    gray = np.asarray(page.convert("L"))
    h, w = gray.shape
    warp = ScanWarp(rng, w, h)
    step = 16
    cols, rows = np.meshgrid(np.arange(0, w + step, step, dtype=np.float64),
                             np.arange(0, h + step, step, dtype=np.float64))
    u, v = warp(cols, rows)
    map_x = cv2.resize(u.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    map_y = cv2.resize(v.astype(np.float32), (w, h), interpolation=cv2.INTER_LINEAR)
    # resizing the coarse grid is only approximately the warp, so the GCP truth is read from these very maps
    out = cv2.remap(gray, map_x, map_y, interpolation=cv2.INTER_LINEAR, borderMode=cv2.BORDER_CONSTANT,
                    borderValue=225)
    pipeline = A.Compose([A.GaussianBlur(sigma_limit=(0.6, 0.8), blur_limit=(3, 5), p=1),
                          A.RandomBrightnessContrast(brightness_limit=(-0.04, -0.02), contrast_limit=(-0.12, -0.08),
                                                     p=1),
                          A.GaussNoise(std_range=(0.015, 0.02), p=1)], seed=rng.randrange(2**31))
    out = pipeline(image=out)["image"]
    return Image.fromarray(out), warp, (map_x, map_y)  # the maps locate the GCPs exactly


def _locate(map_x: np.ndarray, map_y: np.ndarray, u: float, v: float,
            guess: tuple[float, float]) -> tuple[float, float]:
    """Sub-pixel scan position whose remap source is ideal pixel (u, v), from the maps actually used."""
    c, r = guess
    for _ in range(20):
        ci, ri = int(round(c)), int(round(r))
        ci, ri = min(max(ci, 1), map_x.shape[1] - 2), min(max(ri, 1), map_x.shape[0] - 2)
        fu, fv = _bilinear(map_x, c, r), _bilinear(map_y, c, r)
        jac = np.array([[(map_x[ri, ci + 1] - map_x[ri, ci - 1]) / 2, (map_x[ri + 1, ci] - map_x[ri - 1, ci]) / 2],
                        [(map_y[ri, ci + 1] - map_y[ri, ci - 1]) / 2, (map_y[ri + 1, ci] - map_y[ri - 1, ci]) / 2]])
        dc, dr = np.linalg.solve(jac, np.array([u - fu, v - fv]))
        c, r = c + dc, r + dr
        if abs(dc) + abs(dr) < 1e-4:
            break
    return c, r


def _bilinear(img: np.ndarray, c: float, r: float) -> float:
    c0, r0 = int(math.floor(c)), int(math.floor(r))
    fc, fr = c - c0, r - r0
    return float(img[r0, c0] * (1 - fc) * (1 - fr) + img[r0, c0 + 1] * fc * (1 - fr)
                 + img[r0 + 1, c0] * (1 - fc) * fr + img[r0 + 1, c0 + 1] * fc * fr)


def gcps(frame: SheetFrame, warp: ScanWarp, maps) -> list[dict]:
    """Every grid cross: its scan pixel and its VN-2000 coordinates; interior crosses on a 3-step
    diagonal are checkpoints."""
    out = []
    steps = int(round((frame.e1 - frame.e0) / GRID_M))
    for j in range(steps + 1):  # rows from the top
        for i in range(steps + 1):
            e, n = frame.e0 + i * GRID_M, frame.n1 - j * GRID_M
            u, v = frame.px(e, n)
            col, row = _locate(maps[0], maps[1], u, v, warp.inverse(u, v))
            interior = 0 < i < steps and 0 < j < steps
            role = "check" if interior and (i + j) % 3 == 0 else "gcp"
            out.append({"pixel_col": round(col, 2), "pixel_row": round(row, 2), "easting": e, "northing": n,
                        "id": f"{'CHK' if role == 'check' else 'GCP'}-{j:02d}{i:02d}", "role": role})
    return out


def write_sheet(parcels: gpd.GeoDataFrame, sheet: int, out_dir: Path, seed: int = 1) -> dict:
    """Write ``sheet_<n>.tif`` (the scan), ``sheet_<n>_gcps.csv`` (truth) and ``sheet_<n>.json`` (metadata)."""
    rng = random.Random(f"landdb-mapsheet:{seed}:{sheet}")
    out_dir.mkdir(parents=True, exist_ok=True)
    page, frame = draw_sheet(parcels, sheet)
    scanned, warp, maps = scan(page, rng)
    png = out_dir / f"sheet_{sheet}.tif"
    # a JPEG-compressed grayscale TIFF, as large-format scanners write (a noisy PNG would be ~13 MB)
    scanned.save(png, format="TIFF", compression="jpeg", quality=80, dpi=(DPI, DPI))
    points = gcps(frame, warp, maps)
    with open(out_dir / f"sheet_{sheet}_gcps.csv", "w", newline="", encoding="utf-8") as fh:
        writer = csv.DictWriter(fh, fieldnames=["pixel_col", "pixel_row", "easting", "northing", "id", "role"])
        writer.writeheader()
        writer.writerows(points)
    meta = {"image": png.name, "sheet": sheet, "commune": cadastre.COMMUNE, "scale": SCALE, "dpi": DPI,
            "crs": cadastre.CRS, "georeferenced": False,
            "corners": {"north_west": [frame.e0, frame.n1], "north_east": [frame.e1, frame.n1],
                        "south_east": [frame.e1, frame.n0], "south_west": [frame.e0, frame.n0]},
            "gcps": f"sheet_{sheet}_gcps.csv", "gcp_count": sum(p["role"] == "gcp" for p in points),
            "checkpoint_count": sum(p["role"] == "check" for p in points),
            "pixel_convention": "column and row of the pixel's centre, 0-based (pixel (0,0) is centred at 0,0)",
            "distortion": "rotation 0.7-1.5°, anisotropic stretch 0.1-0.6 %, a bow of 3-6 px across the rows and a "
                          "1.5-3 px sine wave across the columns (1 px = 6.35 cm on the ground). On sheet 2 of seed 1, "
                          "fitted on the gcp rows and measured on the check rows: affine 0.10 m RMS, 2nd-order "
                          "polynomial 0.08 m, 3rd-order 0.007 m (1:500 tolerance 0.07 m)"}
    (out_dir / f"sheet_{sheet}.json").write_text(json.dumps(meta, ensure_ascii=False, indent=2) + "\n",
                                                 encoding="utf-8")
    return meta
