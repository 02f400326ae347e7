"""Consistency rules of the sample generator's records, checked over 500 generated certificates."""

from __future__ import annotations

import math
import subprocess
import sys

import pytest

from landdb.ids import cccd_problems, register_no_ok, serial_ok
from landdb.landuse import catalogue
from landdb.models import validate_record_json
from landdb.vietnamese import number_to_words, words_to_number
from sample_scans.document import truth_json
from sample_scans.generate import plan
from sample_scans.records import half_up, make_certificates, ring_area

N = 500


@pytest.fixture(scope="module")
def certs():
    return make_certificates(N, seed=20261124)


def test_every_record_validates_against_the_shared_schema(certs):
    for cert in certs:
        validate_record_json(cert.record.to_json_dict())


def test_both_forms_and_their_owner_fields(certs):
    forms = {c.record.form for c in certs}
    assert forms == {"GCN-2014", "GCN-2024"}
    for cert in certs:
        for owner in cert.record.owners:
            if cert.record.form == "GCN-2024":  # name and ID only
                assert owner.birth_year is None and owner.address is None
            else:
                assert owner.birth_year and owner.address
            assert owner.name == owner.name.upper()


def test_cccd_agrees_with_title_and_birth_year(certs):
    checked = 0
    for cert in certs:
        for owner in cert.record.owners:
            if owner.id_type == "CCCD":
                assert cccd_problems(owner.id_number, owner.title, owner.birth_year) == [], owner
                checked += 1
            else:
                assert owner.id_type == "CMND" and len(owner.id_number) == 9
    assert checked > N


def test_land_uses_sum_to_the_total_and_names_fit_the_era(certs):
    mixed = 0
    for cert in certs:
        p = cert.record.parcel
        assert round(sum(u.area_m2 for u in p.land_uses), 1) == p.area_m2
        table = catalogue(cert.record.issue_date)
        for use in p.land_uses:
            assert table[use.code] == use.name
        mixed += len(p.land_uses) > 1
    assert mixed > 10


def test_edges_match_the_coordinates_to_a_centimetre(certs):
    for cert in certs:
        v = cert.record.vertices
        assert len(v) >= 4
        for a, b in zip(v, v[1:] + v[:1], strict=True):
            assert abs(math.dist((a.x, a.y), (b.x, b.y)) - a.edge_m) <= 0.005 + 1e-9


def test_coordinates_inside_the_hcmc_vn2000_ranges_with_2_or_3_decimals(certs):
    for cert in certs:
        for v in cert.record.vertices:
            assert 1_144_000 <= v.x <= 1_236_000 and 565_000 <= v.y <= 640_000
            assert half_up(v.x, 3) == v.x and half_up(v.y, 3) == v.y


def test_area_is_the_polygon_area_and_the_words_round_trip(certs):
    for cert in certs:
        p = cert.record.parcel
        ring = [(v.x, v.y) for v in cert.record.vertices]
        assert p.area_m2 == half_up(ring_area(ring), 1)
        assert words_to_number(p.area_words) == p.area_m2
        assert number_to_words(p.area_m2) == p.area_words


def test_number_formats(certs):
    for cert in certs:
        assert serial_ok(cert.record.serial, cert.record.form), cert.record.serial
        assert register_no_ok(cert.record.register_no), cert.record.register_no
        assert 2014 <= cert.record.issue_date.year <= 2026
        for change in cert.record.changes:
            assert change.date >= cert.record.issue_date


def test_truth_is_deterministic_across_processes():
    here = "".join(truth_json(c) for _, _, c in plan(12, 1))
    code = ("import sys; from sample_scans.generate import plan; from sample_scans.document import truth_json; "
            "sys.stdout.buffer.write(''.join(truth_json(c) for _, _, c in plan(12, 1)).encode())")
    there = subprocess.run([sys.executable, "-c", code], capture_output=True, check=True).stdout.decode()
    assert here == there
    assert here != "".join(truth_json(c) for _, _, c in plan(12, 2))
