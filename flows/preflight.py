"""What a build needs before it starts, checked once with one clear message (not once per document).

- the certificate schema (:func:`landdb.models.certificate_schema` raises a :class:`ConfigError` naming it);
- the OCR engine named by ``LANDDB_OCR_ENGINE``, and for Tesseract the ``tesseract`` command and the language
  data of ``LANDDB_TESSERACT_LANG``, ``LANDDB_TESSERACT_DIGITS_LANG`` and ``osd`` (page orientation).

Fonts are not needed at run time (only the sample generator draws text).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from landdb.errors import ConfigError
from landdb.settings import Settings, get_settings

__all__ = ["preflight", "tesseract_languages", "needed_languages"]


def needed_languages(settings: Settings) -> list[str]:
    """The Tesseract language data the OCR loads: text, digit cells and orientation.

    >>> needed_languages(Settings(tesseract_lang='vie+eng', tesseract_digits_lang='eng'))
    ['vie', 'eng', 'osd']
    """
    names = [*settings.tesseract_lang.split("+"), *settings.tesseract_digits_lang.split("+"), "osd"]
    return list(dict.fromkeys(n.strip() for n in names if n.strip()))


def tesseract_languages(binary: str = "tesseract") -> tuple[str, set[str]]:
    """The tessdata folder and the languages installed there, as ``tesseract --list-langs`` says."""
    if shutil.which(binary) is None:
        raise ConfigError(f"the `{binary}` command is not installed: `make setup` installs Tesseract 5 with "
                          "Vietnamese (Debian: tesseract-ocr tesseract-ocr-vie)")
    try:
        done = subprocess.run([binary, "--list-langs"], capture_output=True, text=True, timeout=30, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise ConfigError(f"`{binary} --list-langs` failed: {exc}") from exc
    lines = (done.stdout + done.stderr).splitlines()
    header = next((line for line in lines if line.startswith("List of available languages")), None)
    if done.returncode != 0 or header is None:
        raise ConfigError(f"`{binary} --list-langs` failed (exit {done.returncode}): "
                          f"{' '.join(lines)[-300:] or 'no output'}")
    folder = re.search(r'"([^"]*)"', header)
    langs = {line.strip() for line in lines[lines.index(header) + 1:] if line.strip()}
    return (folder.group(1) if folder else "?"), langs


def _check_ocr(settings: Settings) -> None:
    spec = settings.ocr_engine
    if spec.startswith("recorded:"):
        recording = Path(spec.removeprefix("recorded:"))
        if not recording.is_file():
            raise ConfigError(f"LANDDB_OCR_ENGINE={spec}: no such recording {recording}")
        return
    if spec not in ("tesseract", "tesseract-cli"):
        from ocr.engine_config import ENGINES

        raise ConfigError(f"unknown OCR engine {spec!r} (LANDDB_OCR_ENGINE): use {ENGINES}")
    folder, installed = tesseract_languages()
    missing = [lang for lang in needed_languages(settings) if lang not in installed]
    if missing:
        packages = " ".join(f"tesseract-ocr-{m}" for m in missing if "/" not in m)
        raise ConfigError(
            f"Tesseract language data missing: {', '.join(missing)} (not in {folder}; installed: "
            f"{', '.join(sorted(installed)) or 'none'}): `make setup` installs it"
            + (f" (Debian: {packages})" if packages else "") + ", or set TESSDATA_PREFIX to a folder that has it")


def preflight(settings: Settings | None = None, *, schema: bool = True) -> None:
    """Raise one :class:`ConfigError` for the first resource a build (or ``extract``, ``schema=False``) lacks."""
    settings = settings or get_settings()
    if schema:
        from landdb.models import certificate_schema

        certificate_schema()
    _check_ocr(settings)
