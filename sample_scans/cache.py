"""Generated samples cached under ``var/cache/samples/<key>/`` so tests and benchmarks render them once.

``generated(count, seed)`` returns ``[(pdf, truth_json), …]``, ``photographed(count, seed)`` the same
certificates as folders of phone photos ``[(folder, truth_json), …]``; the first call renders (in a temporary
folder moved into place when complete, so parallel test workers never see half a set), later calls
only read the manifest.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from landdb.settings import get_settings
from sample_scans.degrade import SEVERITIES
from sample_scans.generate import FORMS, GENERATOR_VERSION, generate


def cache_root() -> Path:
    return get_settings().var_dir / "cache" / "samples"


def cache_key(count: int, seed: int, severities: tuple[str, ...], forms: tuple[str, ...] = FORMS,
              style: str = "standard") -> str:
    """A short key for one generated set (changes with the generator version).

    >>> len(cache_key(12, 1, ('clean',)))
    16
    """
    text = f"v{GENERATOR_VERSION}:{count}:{seed}:{','.join(severities)}"
    if tuple(forms) != FORMS:
        text += ":" + ",".join(forms)
    if style != "standard":
        text += ":" + style
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def _listing(folder: Path) -> list[tuple[Path, Path]]:
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    return [(folder / d["pdf"], folder / d["truth"]) for d in manifest["documents"]]


def generated(count: int, seed: int, severities: tuple[str, ...] = SEVERITIES,
              jobs: int | None = None, forms: tuple[str, ...] = FORMS, style: str = "standard"
              ) -> list[tuple[Path, Path]]:
    """``count`` rendered certificates of series ``seed`` as (pdf, truth json) pairs, cached.

    ``forms`` cycles by index (default: 2014 and 2024 alternately; ``("GCN-2024",)`` for 2-page documents only);
    ``style`` is :mod:`sample_scans.style`'s.
    """
    severities = tuple(severities)
    target = cache_root() / cache_key(count, seed, severities, tuple(forms), style)
    _build_once(target, lambda tmp: generate(count, seed, tmp, severities, jobs=jobs or min(2, os.cpu_count() or 1),
                                             forms=tuple(forms), style=style))
    return _listing(target)


def _build_once(target: Path, fill: Callable[[Path], object]) -> None:
    """Fill a temporary folder beside ``target`` and move it into place, unless ``target`` is already complete;
    parallel processes never see half a set (the second to finish drops its copy)."""
    if (target / "manifest.json").exists():
        return
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}."))
    try:
        fill(tmp)
        try:
            tmp.rename(target)
        except OSError:  # another process finished the same set first
            if not (target / "manifest.json").exists():
                raise
    finally:
        if tmp.exists():
            shutil.rmtree(tmp)


def photographed(count: int, seed: int, jobs: int | None = None) -> list[tuple[Path, Path]]:
    """The certificates of ``generated(count, seed)`` photographed with a phone (:mod:`sample_scans.photo`):
    one folder of shuffled page photos per document, with its truth; cached like :func:`generated`."""
    from concurrent.futures import ProcessPoolExecutor

    from sample_scans.generate import plan
    from sample_scans.photo import PHOTO_VERSION, write_photo_document

    target = cache_root() / f"{cache_key(count, seed, SEVERITIES)}-photos{PHOTO_VERSION}"

    def fill(tmp: Path) -> None:
        work = [(i, cert, seed, str(tmp)) for i, _, cert in plan(count, seed)]
        with ProcessPoolExecutor(max_workers=jobs or min(2, os.cpu_count() or 1)) as pool:
            entries = list(pool.map(write_photo_document, work))
        manifest = {"generator_version": GENERATOR_VERSION, "seed": seed, "count": count, "documents": entries}
        (tmp / "manifest.json").write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                          encoding="utf-8")

    _build_once(target, fill)
    manifest = json.loads((target / "manifest.json").read_text(encoding="utf-8"))
    return [(target / d["folder"], target / d["truth"]) for d in manifest["documents"]]
