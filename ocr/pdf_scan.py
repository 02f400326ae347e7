"""A PDF page that is one scanned image, taken out as it is instead of rasterized.

A scanner writes each page as one JPEG (or Flate) image filling the page, sometimes with an invisible text layer.
Decoding that image costs about a third of rendering the page at 300 dpi and gives the scanner's own pixels (no
resampling). Anything else on the page that could show — a second image, vector drawing, visible text, an
annotation, a page rotation, a skewed or partial placement, another resolution than the one pages are read at,
a colour space other than DeviceGray/DeviceRGB, a bit depth other than 8 per channel — and the page is rendered
instead (:func:`ocr.pages._pdf_pages`). The one thing not checked is a soft mask on the image, which pdfium does
not report and no scanner writes on a page image.
"""

from __future__ import annotations

import numpy as np

__all__ = ["scanned_image", "DPI_TOLERANCE"]

DPI_TOLERANCE = 0.02  # the image's resolution may differ this much (relative) from the reading resolution
_PLACEMENT_PT = 1.0   # the image's edges within 1 pt of the page's


def _only_image(page):
    """The page's one image object when everything else on it is invisible text, else None."""
    import pypdfium2.raw as raw

    if page.get_rotation() != 0 or raw.FPDFPage_GetAnnotCount(page) != 0:
        return None
    image = None
    for obj in page.get_objects(max_depth=1):
        if obj.type == raw.FPDF_PAGEOBJ_TEXT:
            if raw.FPDFTextObj_GetTextRenderMode(obj) != raw.FPDF_TEXTRENDERMODE_INVISIBLE:
                return None
        elif obj.type == raw.FPDF_PAGEOBJ_IMAGE and image is None:
            image = obj
        else:
            return None
    return image


def _fills_page(page, image) -> bool:
    matrix = image.get_matrix()
    if matrix.b != 0 or matrix.c != 0 or matrix.a <= 0 or matrix.d <= 0:
        return False  # rotated, skewed or mirrored placement
    left, bottom, right, top = page.get_cropbox()
    x0, y0, x1, y1 = image.get_bounds()
    return all(abs(a - b) <= _PLACEMENT_PT for a, b in ((x0, left), (y0, bottom), (x1, right), (y1, top)))


def scanned_image(page, dpi: int) -> np.ndarray | None:
    """The page's scanned image as an RGB array (H×W×3, uint8) when the page is that image alone at ``dpi``,
    else None (the caller renders the page)."""
    import pypdfium2.raw as raw

    image = _only_image(page)
    if image is None or not _fills_page(page, image):
        return None
    meta = image.get_metadata()
    if meta.colorspace not in (raw.FPDF_COLORSPACE_DEVICEGRAY, raw.FPDF_COLORSPACE_DEVICERGB):
        return None
    if meta.bits_per_pixel not in (8, 24):
        return None
    width_px, height_px = image.get_px_size()
    width_pt, height_pt = page.get_size()
    for px, pt in ((width_px, width_pt), (height_px, height_pt)):
        if abs(px / (pt / 72) - dpi) > DPI_TOLERANCE * dpi:
            return None
    bitmap = image.get_bitmap()
    pixels = bitmap.to_numpy()
    if bitmap.format == raw.FPDFBitmap_Gray:
        return np.repeat(pixels.reshape(pixels.shape[0], pixels.shape[1], 1), 3, axis=2)
    if bitmap.format in (raw.FPDFBitmap_BGR, raw.FPDFBitmap_BGRx):
        return np.ascontiguousarray(pixels[:, :, 2::-1])  # BGR(x) -> RGB, a copy: the view dies with the bitmap
    return None
