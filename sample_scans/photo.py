"""Phone photos of rendered certificate pages, for tests and the benchmark (issue 17).

A clean 300-dpi page (:func:`sample_scans.render.render_clean`) is laid on a table in a 12 MP frame
(4032 × 3024) under a perspective (the phone held at an angle), with a thumb holding one edge, a soft shadow
and uneven light, camera blur and noise, then turned by 0/90/180/270° (the pixels turned, no EXIF tag) and
saved as JPEG. The photometric effects are albumentations' (as :mod:`sample_scans.degrade`); the shadow and
light are computed on a small field and stretched over the frame (they are smooth, and ~20× cheaper so).

>>> from PIL import Image
>>> page = Image.new('RGB', (2480, 3508), (250, 240, 236))
>>> shot = photograph_page(page, seed=5, turn=90)
>>> shot.shape, shot.dtype.name
((3024, 4032, 3), 'uint8')
"""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
from PIL import Image

__all__ = ["PHOTO_VERSION", "FRAME", "PhotoSpec", "photograph_page", "photo_spec", "write_photos", "jpeg_bytes"]

PHOTO_VERSION = "1"  # bump when the photos change: it keys the cache
FRAME = (3024, 4032)  # width, height of a 12 MP phone photo held upright
TABLES = [(92, 64, 44), (128, 96, 70), (70, 72, 78), (164, 150, 128), (46, 48, 52)]  # wood, grey, dark desks
SKIN = [(224, 172, 142), (198, 144, 110), (170, 118, 88)]


@dataclass(frozen=True)
class PhotoSpec:
    """How one page is photographed (drawn from the seed; ``turn`` and ``blur`` may be set by the caller)."""

    turn: int  # degrees counter-clockwise the whole photo is turned: 0, 90, 180, 270
    fill: float  # share of the frame's height the page takes
    tilt: float  # keystone: the far edge shortened by this share of the page width
    jitter: float  # each corner moved by up to this share of the page size
    blur_sigma: float  # Gaussian blur of the camera, px of the frame
    quality: int  # JPEG quality
    thumb: str  # 'left', 'right', 'bottom' or '' (no hand)


def photo_spec(seed: int, turn: int | None = None, blur_sigma: float | None = None) -> PhotoSpec:
    """The photo parameters for ``seed`` (same seed, same photo)."""
    rng = random.Random(f"photo:{seed}")
    return PhotoSpec(turn=rng.choice((0, 90, 180, 270)) if turn is None else turn,
                     fill=rng.uniform(0.80, 0.92), tilt=rng.uniform(0.0, 0.07), jitter=rng.uniform(0.005, 0.025),
                     blur_sigma=rng.uniform(0.5, 1.2) if blur_sigma is None else blur_sigma,
                     quality=rng.randrange(72, 91), thumb=rng.choice(("left", "right", "bottom", "")))


def _table(rng: random.Random) -> np.ndarray:
    """The desk under the page: a colour with a faint grain (drawn small, stretched)."""
    w, h = FRAME
    base = np.array(rng.choice(TABLES), np.float32)
    grain = np.random.default_rng(rng.randrange(2**32)).normal(0, 9, (h // 24, w // 96)).astype(np.float32)
    small = np.clip(base[None, None, :] + grain[:, :, None], 0, 255).astype(np.uint8)
    return cv2.resize(small, (w, h), interpolation=cv2.INTER_LINEAR)


def _corners(spec: PhotoSpec, page_size: tuple[int, int], rng: random.Random) -> np.ndarray:
    """Where the page's corners (TL, TR, BR, BL) land in the frame."""
    w, h = FRAME
    ph = spec.fill * h
    pw = ph * page_size[0] / page_size[1]
    cx = w / 2 + rng.uniform(-1, 1) * max(0.0, (w - pw) / 2 - 60)
    cy = h / 2 + rng.uniform(-1, 1) * max(0.0, (h - ph) / 2 - 60)
    inset = spec.tilt * pw / 2
    far_top = rng.random() < 0.5  # which edge is further from the camera
    corners = np.array([[cx - pw / 2 + (inset if far_top else 0), cy - ph / 2],
                        [cx + pw / 2 - (inset if far_top else 0), cy - ph / 2],
                        [cx + pw / 2 - (0 if far_top else inset), cy + ph / 2],
                        [cx - pw / 2 + (0 if far_top else inset), cy + ph / 2]], np.float32)
    corners += np.array([[rng.uniform(-1, 1) * spec.jitter * pw, rng.uniform(-1, 1) * spec.jitter * ph]
                         for _ in range(4)], np.float32)
    return np.clip(corners, 20, [w - 20, h - 20]).astype(np.float32)


def _thumb(frame: np.ndarray, corners: np.ndarray, side: str, rng: random.Random) -> None:
    """A thumb holding the page at one edge, over the margin (not the text), drawn in place."""
    if not side:
        return
    tl, tr, br, bl = corners
    edge = {"left": (tl, bl), "right": (tr, br), "bottom": (bl, br)}[side]
    t = rng.uniform(0.35, 0.65)
    at = edge[0] + t * (edge[1] - edge[0])
    centre = np.array(frame.shape[1::-1], np.float32) / 2
    outward = at - centre
    outward /= np.linalg.norm(outward)
    length, width = rng.uniform(300, 380), rng.uniform(170, 220)
    tip = at - outward * rng.uniform(0.06, 0.08) * 2480  # over the page's margin
    middle = tip + outward * length / 2
    angle = float(np.degrees(np.arctan2(outward[1], outward[0])))
    mask = np.zeros(frame.shape[:2], np.uint8)
    cv2.ellipse(mask, (int(middle[0]), int(middle[1])), (int(length / 2), int(width / 2)), angle, 0, 360, 255, -1)
    base = tip + outward * length  # the hand goes on out of the frame
    far = base + outward * 2000
    normal = np.array([-outward[1], outward[0]]) * width * 0.55
    hand = np.array([base + normal, far + normal, far - normal, base - normal], np.int32)
    cv2.fillPoly(mask, [hand], 255)
    x, y, bw, bh = cv2.boundingRect(mask)  # work on the hand's box only: blurs over 12 MP are slow
    x0, y0 = max(x - 40, 0), max(y - 40, 0)
    x1, y1 = min(x + bw + 40, frame.shape[1]), min(y + bh + 40, frame.shape[0])
    box = mask[y0:y1, x0:x1]
    soft = cv2.GaussianBlur(box, (0, 0), 4).astype(np.float32)[:, :, None] / 255
    skin = np.array(rng.choice(SKIN), np.float32)
    small = cv2.resize(box, None, fx=0.125, fy=0.125, interpolation=cv2.INTER_AREA)
    shade = cv2.resize(cv2.GaussianBlur(small, (0, 0), 4.5), (box.shape[1], box.shape[0]))  # rounder in the middle
    colour = skin[None, None, :] * (0.7 + 0.3 * shade.astype(np.float32)[:, :, None] / 255)
    view = frame[y0:y1, x0:x1]
    view[:] = (view * (1 - soft) + colour * soft).astype(np.uint8)


def _light_and_shadow(frame: np.ndarray, seed: int) -> np.ndarray:
    """A soft shadow (the phone, a hand) and uneven light, computed on a 1/16 field and stretched."""
    import albumentations as A

    h, w = frame.shape[:2]
    grey = np.full((h // 16, w // 16, 3), 200, np.uint8)
    shade = A.Compose([A.RandomShadow(shadow_roi=(0, 0, 1, 1), num_shadows_limit=(1, 1), shadow_dimension=5,
                                      shadow_intensity_range=(0.15, 0.35), p=0.8),
                       A.Illumination(mode="gaussian", intensity_range=(0.06, 0.14), effect_type="both", p=1)],
                      seed=seed)(image=grey)["image"][:, :, 0].astype(np.float32) / 200
    shade = cv2.GaussianBlur(shade, (0, 0), 1.5)
    field = cv2.resize(np.clip(shade * 128, 0, 255).astype(np.uint8), (w, h), interpolation=cv2.INTER_LINEAR)
    return cv2.multiply(frame, cv2.merge([field, field, field]), scale=1 / 128)  # saturating, in uint8


def photograph_page(page: Image.Image, seed: int, turn: int | None = None, blur_sigma: float | None = None
                    ) -> np.ndarray:
    """The page as a phone photo (RGB array of the frame, turned by ``turn`` degrees counter-clockwise)."""
    import albumentations as A

    spec = photo_spec(seed, turn, blur_sigma)
    rng = random.Random(f"photo-scene:{seed}")
    src = np.asarray(page.convert("RGB"))
    frame = _table(rng)
    corners = _corners(spec, (src.shape[1], src.shape[0]), rng)
    h, w = src.shape[:2]
    matrix = cv2.getPerspectiveTransform(np.float32([[0, 0], [w, 0], [w, h], [0, h]]), corners)
    cv2.warpPerspective(src, matrix, FRAME, dst=frame, flags=cv2.INTER_AREA, borderMode=cv2.BORDER_TRANSPARENT)
    _thumb(frame, corners, spec.thumb, rng)
    frame = _light_and_shadow(frame, rng.randrange(2**31))
    camera = A.Compose([A.GaussianBlur(sigma_limit=(spec.blur_sigma, spec.blur_sigma), blur_limit=0, p=1),
                        A.GaussNoise(std_range=(0.01, 0.025), noise_scale_factor=0.5, p=1)], seed=rng.randrange(2**31))
    frame = camera(image=frame)["image"]
    return np.ascontiguousarray(np.rot90(frame, spec.turn // 90)) if spec.turn else frame


def jpeg_bytes(photo: np.ndarray, quality: int) -> bytes:
    """The photo as the phone saves it (JPEG, no EXIF orientation tag)."""
    out = io.BytesIO()
    Image.fromarray(photo).save(out, "JPEG", quality=quality)
    return out.getvalue()


def write_photos(pages: list[Image.Image], seed: int, folder: Path, turns: list[int] | None = None) -> list[Path]:
    """Photograph each page into ``folder`` as ``IMG_<n>.jpg`` in a shuffled order (file names say nothing of
    the page order, as on a phone); returns the files in page order."""
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(f"photo-order:{seed}")
    numbers = rng.sample(range(1000, 9999), len(pages))
    files = []
    for i, (page, number) in enumerate(zip(pages, numbers, strict=True)):
        page_seed = seed * 10 + i
        turn = turns[i] if turns else None
        photo = photograph_page(page, page_seed, turn)
        path = folder / f"IMG_{number}.jpg"
        path.write_bytes(jpeg_bytes(photo, photo_spec(page_seed, turn).quality))
        files.append(path)
    return files


def write_photo_document(args: tuple[int, object, int, str]) -> dict:
    """Photograph one certificate's clean pages into ``out/<stem>/`` with its truth ``out/<stem>.json``
    (args: index, certificate, seed, out); returns its manifest entry. One argument, for a process pool."""
    from sample_scans.document import truth_json
    from sample_scans.render import render_clean

    index, cert, seed, out = args
    stem = f"gcn_{index:04d}_{cert.record.form[-4:]}_photo"
    pages = render_clean(cert, seed)
    write_photos(pages, seed * 1000 + index, Path(out) / stem)
    (Path(out) / f"{stem}.json").write_text(truth_json(cert), encoding="utf-8")
    return {"index": index, "folder": stem, "truth": f"{stem}.json", "form": cert.record.form,
            "pages": len(pages), "key": cert.key}
