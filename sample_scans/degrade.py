"""Scanner degradation by seeded severity: skew, blur, noise, JPEG, uneven light, faded ink, fold lines.

The photometric and geometric effects come from albumentations (one pipeline per severity, seeded per
page; its Illumination runs on a small field, see :func:`uneven_light`); fold lines are drawn here because no
library has them.

>>> from PIL import Image
>>> page = Image.new('RGB', (400, 300), (250, 236, 234))
>>> degrade_page(page, 'heavy', seed=3).size
(400, 300)
>>> degrade_page(page, 'clean', seed=3) is page
True
"""

from __future__ import annotations

import random
from functools import cache

import numpy as np
from PIL import Image

from landdb.errors import ValidationError

SEVERITIES = ("clean", "light", "medium", "heavy")
SCANNER_BED = (236, 236, 232)


@cache
def _pipeline(severity: str):
    import albumentations as A
    import cv2

    border = {"border_mode": cv2.BORDER_CONSTANT, "fill": SCANNER_BED}
    if severity == "light":
        steps = [A.Rotate(limit=(-0.7, 0.7), p=1, **border),
                 A.GaussianBlur(sigma_limit=(0.4, 0.7), blur_limit=(3, 5), p=1),
                 A.GaussNoise(std_range=(0.01, 0.025), noise_scale_factor=0.5, p=1),
                 A.ImageCompression(quality_range=(78, 90), p=1)]
    elif severity == "medium":
        steps = [A.Rotate(limit=(-1.6, 1.6), p=1, **border),
                 A.Morphological(scale=(2, 2), operation="dilation", p=0.5),
                 A.GaussianBlur(sigma_limit=(0.8, 1.1), blur_limit=(5, 7), p=1),
                 A.RandomBrightnessContrast(brightness_limit=(-0.03, 0.05), contrast_limit=(-0.2, -0.08), p=1),
                 A.GaussNoise(std_range=(0.025, 0.04), noise_scale_factor=0.5, p=1),
                 A.ImageCompression(quality_range=(58, 72), p=1)]
    elif severity == "heavy":
        steps = [A.Perspective(scale=(0.004, 0.01), keep_size=True, p=1, **border),
                 A.Rotate(limit=(-3.0, 3.0), p=1, **border),
                 A.Morphological(scale=(2, 3), operation="dilation", p=0.8),
                 A.GaussianBlur(sigma_limit=(1.1, 1.5), blur_limit=(7, 9), p=1),
                 A.RandomBrightnessContrast(brightness_limit=(-0.06, 0.02), contrast_limit=(-0.35, -0.2), p=1),
                 A.GaussNoise(std_range=(0.045, 0.065), noise_scale_factor=0.5, p=1),
                 A.ImageCompression(quality_range=(35, 50), p=1)]
    else:
        raise ValidationError(f"unknown severity {severity!r}; use one of {', '.join(SEVERITIES)}")
    return steps


@cache
def _light(severity: str):
    import albumentations as A

    return {"light": A.Illumination(mode="corner", intensity_range=(0.02, 0.05), p=0.7),
            "medium": A.Illumination(mode="corner", intensity_range=(0.05, 0.1), p=1),
            "heavy": A.Illumination(mode="gaussian", intensity_range=(0.08, 0.16), p=1)}[severity]


def uneven_light(arr: np.ndarray, severity: str, seed: int) -> np.ndarray:
    """Uneven scanner light: albumentations' Illumination computed on a 1/16-size grey field (it is smooth)
    and stretched over the page, which is ~10x faster than running it at 300 dpi."""
    import albumentations as A
    import cv2

    h, w = arr.shape[:2]
    grey = np.full((h // 16 + 1, w // 16 + 1, 3), 0.5, dtype=np.float32)
    field = A.Compose([_light(severity)], seed=seed)(image=grey)["image"][:, :, 0] / 0.5
    field = cv2.resize(field, (w, h), interpolation=cv2.INTER_CUBIC)
    return np.clip(arr.astype(np.float32) * field[:, :, None], 0, 255).astype(np.uint8)


def fold_lines(arr: np.ndarray, rng: random.Random, count: int, strength: float) -> np.ndarray:
    """Crease lines: a thin dark valley with a lit shoulder, roughly horizontal or vertical."""
    out = arr.copy()
    for _ in range(count):
        horizontal = rng.random() < 0.6
        view = out if horizontal else out.transpose(1, 0, 2)  # rows run across the crease
        n_across, length = view.shape[:2]
        pos = rng.uniform(0.35, 0.65) * n_across
        slope = rng.uniform(-0.01, 0.01)
        centre = pos + slope * (np.arange(length, dtype=np.float32) - length / 2)
        lo, hi = max(int(centre.min()) - 30, 0), min(int(centre.max()) + 40, n_across)
        d = np.arange(lo, hi, dtype=np.float32)[:, None] - centre[None, :]
        shade = 1 - strength * np.exp(-(d / 2.5) ** 2) + 0.5 * strength * np.exp(-((d - 9) / 6) ** 2)
        band = view[lo:hi].astype(np.float32) * shade[:, :, None]
        view[lo:hi] = band.clip(0, 255).astype(np.uint8)
    return out


def degrade_page(page: Image.Image, severity: str, seed: int) -> Image.Image:
    """The page as a scanner of ``severity`` quality would return it (same seed, same pixels)."""
    if severity == "clean":
        return page
    import albumentations as A

    rng = random.Random(f"degrade:{severity}:{seed}")
    arr = np.asarray(page.convert("RGB"))
    if severity in ("medium", "heavy"):
        arr = fold_lines(arr, rng, 1 if severity == "medium" else 2, 0.12 if severity == "medium" else 0.22)
    arr = uneven_light(arr, severity, rng.randrange(2**31))
    pipeline = A.Compose(_pipeline(severity), seed=rng.randrange(2**31))
    return Image.fromarray(pipeline(image=arr)["image"])
