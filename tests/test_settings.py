"""Settings come from LANDDB_* environment variables, then landdb.toml (LANDDB_CONFIG names it); the QA
tolerances from LANDDB_QA_* and the file's [qa] table."""

from __future__ import annotations

import pytest

from landdb.errors import ConfigError
from landdb.settings import Settings
from qa.params import QaSettings, rule_parameters


def test_toml_file_then_environment(tmp_path, monkeypatch):
    config = tmp_path / "landdb.toml"
    config.write_text('default_map_scale = 1000\nedge_tolerance_m = 0.02\n\n[qa]\ngap_min_area_m2 = 0.5\n'
                      'overlap_min_area_m2 = 0.2\n', encoding="utf-8")
    monkeypatch.setenv("LANDDB_CONFIG", str(config))
    monkeypatch.setenv("LANDDB_QA_OVERLAP_MIN_AREA_M2", "0.3")
    settings, qa = Settings(), QaSettings()
    assert settings.default_map_scale == 1000 and settings.edge_tolerance_m == 0.02
    assert qa.gap_min_area_m2 == 0.5  # from the [qa] table
    assert qa.overlap_min_area_m2 == 0.3  # the environment wins over the file
    params = rule_parameters(settings, qa, split_merge_tolerance=0.01)  # and a run's own override over both
    picked = (params["gap_min_area_m2"], params["default_map_scale"], params["split_merge_tolerance"])
    assert picked == (0.5, 1000, 0.01)


def test_without_a_file_the_defaults_hold_and_a_bad_table_is_named(tmp_path, monkeypatch):
    monkeypatch.setenv("LANDDB_CONFIG", str(tmp_path / "absent.toml"))
    assert QaSettings().gap_min_area_m2 == 0.01
    bad = tmp_path / "bad.toml"
    bad.write_text('qa = 3\n', encoding="utf-8")
    monkeypatch.setenv("LANDDB_CONFIG", str(bad))
    with pytest.raises(ConfigError, match="bad.toml"):
        QaSettings()


def test_qa_rules_prints_the_parameters_in_force(tmp_path):
    import os
    import subprocess
    import sys

    config = tmp_path / "landdb.toml"
    config.write_text("[qa]\ngap_min_area_m2 = 0.25\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "landdb.cli.main", "qa", "rules"], capture_output=True, text=True,
                          env={**os.environ, "LANDDB_CONFIG": str(config)}, timeout=120, check=True)
    in_force = done.stdout.split("parameters in force:", 1)[1]
    lines = {line.split()[0]: line.split()[1] for line in in_force.splitlines() if line.startswith("  ")}
    assert lines["gap_min_area_m2"] == "0.25" and lines["overlap_min_area_m2"] == "0.01"
    assert "geometry_invalid" in done.stdout
