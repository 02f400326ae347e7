"""A Prefect deployment runs a flow from its file (``flows/build.py``), so ``flows/`` itself is on ``sys.path`` in
the worker's process: a module there named like one of the project's packages hides that package (``flows/qa.py``
made ``from qa.runner import …`` fail in every work-pool run, while local runs passed)."""

from __future__ import annotations

from landdb.settings import PROJECT_ROOT


def test_no_flow_module_is_named_like_a_top_level_package():
    packages = {p.name for p in PROJECT_ROOT.iterdir() if (p / "__init__.py").is_file()}
    assert {"qa", "ocr", "geo", "landdb", "web", "flows"} <= packages
    modules = {p.stem for p in (PROJECT_ROOT / "flows").glob("*.py")}
    assert not modules & packages, f"flows/ modules that hide a package: {sorted(modules & packages)}"
