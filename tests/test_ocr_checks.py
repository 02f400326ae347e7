"""Every cross-check: agreement raises confidence, disagreement flags the fields involved (pure logic)."""

from __future__ import annotations

import math

from ocr import checks
from ocr.result import FieldReading


def R(field: str, value, conf: float = 0.9) -> FieldReading:
    return FieldReading(field, None if value is None else str(value), None if value is None else str(value), conf)


def readings(*items: FieldReading) -> dict[str, FieldReading]:
    return {r.field: r for r in items}


def test_area_digits_vs_words():
    ok = readings(R("parcel.area_m2", "105"), R("parcel.area_words", "Một trăm linh năm phẩy không mét vuông"))
    checks.check_area_words(ok)
    assert not any(r.flagged for r in ok.values()) and ok["parcel.area_m2"].confidence >= checks.AGREED
    bad = readings(R("parcel.area_m2", "32.4"), R("parcel.area_words", "Ba mươi bốn phẩy hai mét vuông"))
    checks.check_area_words(bad)
    assert bad["parcel.area_m2"].flagged and bad["parcel.area_words"].flagged
    assert "34.2" in bad["parcel.area_m2"].flag_reason
    garbled = readings(R("parcel.area_m2", "32.4"), R("parcel.area_words", "Ba mươi hxi phẩy bốn"))
    checks.check_area_words(garbled)
    assert garbled["parcel.area_words"].flagged and not garbled["parcel.area_m2"].flagged
    assert garbled["parcel.area_m2"].confidence == 0.9  # no second reading: confidence unchanged


def test_land_use_sum():
    ok = readings(R("parcel.area_m2", "247.7"), R("parcel.land_uses.0.area_m2", "169.2"),
                  R("parcel.land_uses.1.area_m2", "78.5"))
    checks.check_land_use_sum(ok)
    assert not any(r.flagged for r in ok.values())
    bad = readings(R("parcel.area_m2", "247.7"), R("parcel.land_uses.0.area_m2", "169.2"),
                   R("parcel.land_uses.1.area_m2", "73.5"))
    checks.check_land_use_sum(bad)
    assert all(r.flagged for r in bad.values())


def test_use_form_shares_add_up():
    ok = readings(R("parcel.area_m2", "225.1"), R("parcel.use_form", "riêng: 225,1 m²; chung: Không m²", 0.5))
    checks.check_use_form_shares(ok)
    assert not ok["parcel.use_form"].flagged and ok["parcel.use_form"].confidence >= checks.AGREED
    bad = readings(R("parcel.area_m2", "225.1"), R("parcel.use_form", "riêng: 228,1 m²; chung: Không m²"))
    checks.check_use_form_shares(bad)
    assert bad["parcel.use_form"].flagged


def test_points_in_order_confirm_each_other():
    rs = readings(*(R(f"vertices.{i}.point", str(i + 1), 0.8) for i in range(4)),
                  *(R(f"vertices.{i}.x", "1", 0.9) for i in range(4)))
    checks.check_points(rs)
    assert rs["vertices.3.point"].confidence >= checks.AGREED
    shifted = readings(*(R(f"vertices.{i}.point", str(p), 0.9) for i, p in enumerate([2, 3, 4, 1])),
                       *(R(f"vertices.{i}.x", "1", 0.99) for i in range(4)))
    checks.check_points(shifted)
    assert shifted["vertices.0.x"].flagged and "not consecutive" in shifted["vertices.3.point"].flag_reason


def _owner(title, year, number, id_type="CCCD"):
    return readings(R("owners.0.name", "NGUYỄN VĂN AN"), R("owners.0.title", title), R("owners.0.birth_year", year),
                    R("owners.0.id_type", id_type), R("owners.0.id_number", number))


def test_cccd_against_title_and_birth_year():
    ok = _owner("Ông", 1975, "079075001234")
    checks.check_owner_ids(ok)
    assert not any(r.flagged for r in ok.values())
    assert ok["owners.0.birth_year"].confidence >= checks.AGREED
    wrong_sex = _owner("Bà", 1975, "079075001234")
    checks.check_owner_ids(wrong_sex)
    assert wrong_sex["owners.0.id_number"].flagged and wrong_sex["owners.0.title"].flagged
    assert not wrong_sex["owners.0.birth_year"].flagged
    wrong_year = _owner("Ông", 1976, "079075001234")
    checks.check_owner_ids(wrong_year)
    assert wrong_year["owners.0.id_number"].flagged and wrong_year["owners.0.birth_year"].flagged
    short = _owner("Ông", 1975, "07907500123")
    checks.check_owner_ids(short)
    assert "not 12 digits" in short["owners.0.id_number"].flag_reason
    no_province = _owner("Ông", 1975, "999075001234")
    checks.check_owner_ids(no_province)
    assert "province" in no_province["owners.0.id_number"].flag_reason
    cmnd = _owner("Ông", 1975, "02345678", id_type="CMND")
    checks.check_owner_ids(cmnd)
    assert cmnd["owners.0.id_number"].flagged


def _square(side=10.0, x0=1191842.0, y0=603699.0, edges=None):
    pts = [(x0, y0), (x0, y0 + side), (x0 - side, y0 + side), (x0 - side, y0)]
    items = []
    for i, (x, y) in enumerate(pts):
        edge = edges[i] if edges else side
        items += [R(f"vertices.{i}.x", f"{x:.3f}"), R(f"vertices.{i}.y", f"{y:.3f}"),
                  R(f"vertices.{i}.edge_m", f"{edge:.2f}")]
    return readings(*items)


def test_edges_confirm_vertices():
    rs = _square()
    checks.check_edges(rs, 0.01)
    assert not any(r.flagged for r in rs.values())
    assert all(r.confidence >= checks.AGREED for r in rs.values())


def test_edge_misread_flags_the_edge_only():
    rs = _square(edges=[10.0, 16.0, 10.0, 10.0])
    checks.check_edges(rs, 0.01)
    assert [k for k, r in rs.items() if r.flagged] == ["vertices.1.edge_m"]


def test_vertex_misread_flags_the_vertex():
    rs = _square()
    rs["vertices.2.x"] = R("vertices.2.x", "1191839.000")  # 3 m off: both edges of vertex 3 disagree
    checks.check_edges(rs, 0.01)
    assert rs["vertices.2.x"].flagged and rs["vertices.2.y"].flagged
    assert not rs["vertices.0.x"].flagged


def test_polygon_area_vs_printed_area():
    rs = _square(side=10.0)
    rs["parcel.area_m2"] = R("parcel.area_m2", "100")
    checks.check_polygon_area(rs, k=0.0004, scale=500)
    assert not any(r.flagged for r in rs.values())
    rs["parcel.area_m2"] = R("parcel.area_m2", "110")  # ΔP = 0.0004·500·√110 ≈ 2.1 m²
    checks.check_polygon_area(rs, k=0.0004, scale=500)
    assert rs["parcel.area_m2"].flagged and rs["vertices.0.x"].flagged
    assert f"{0.0004 * 500 * math.sqrt(110):.1f}" in rs["parcel.area_m2"].flag_reason


def test_zone_range_and_swap():
    rs = _square()
    checks.check_zone(rs)
    assert not any(r.flagged for r in rs.values())
    swapped = readings(R("vertices.0.x", "603699.100"), R("vertices.0.y", "1191842.200"))
    checks.check_zone(swapped)
    assert "swapped" in swapped["vertices.0.x"].flag_reason
    out = readings(R("vertices.0.x", "191842.200"), R("vertices.0.y", "603699.100"))
    checks.check_zone(out)
    assert out["vertices.0.x"].flagged and not out["vertices.0.y"].flagged


def test_serial_and_register_formats_by_form():
    rs = readings(R("serial", "AA 06654954"), R("register_no", "CH01583"))
    checks.check_formats(rs, "GCN-2024")
    assert not any(r.flagged for r in rs.values())
    rs = readings(R("serial", "AA 06654954"), R("register_no", "CH 01583 X"))
    checks.check_formats(rs, "GCN-2014")
    assert rs["serial"].flagged and rs["register_no"].flagged


def test_lexicon_corrects_diacritics_only_when_unambiguous():
    from ocr.lexicon import check_name, check_place

    assert check_name("QUACH TRỌNG THỊNH") == ("QUÁCH TRỌNG THỊNH", [])
    fixed, problems = check_name("NGUYÊN VĂN AN")  # 'Nguyên' is no surname; 'Nguyễn' is
    assert fixed == "NGUYỄN VĂN AN" and not problems
    _, problems = check_name("NGUYỄN VĂN ZYX")
    assert problems and "ZYX" in problems[0]
    fixed, problems = check_place("35 Nguyễn Kiệm, Phường 15, Quận Phú Nhuận, TP. Hồ Chí Minh")
    assert not problems
    fixed, problems = check_place("35 Nguyen Kiem, Phuong 15")
    assert fixed == "35 Nguyễn Kiệm, Phuong 15"  # a known street name: its spelling
    assert any("phương / phường" in p for p in problems)  # a lone syllable with several spellings: reported
    fixed, problems = check_place("12 Nguyen Van Qxy")
    assert any("nguyên / nguyễn" in p for p in problems)  # never picked when ambiguous
    _, problems = check_place("35 Nguyễn Kiệm, Phường Qwrt")
    assert problems


def test_unknown_vietnamese_syllables_need_a_second_reading():
    """A syllable the lexicon lacks but Vietnamese has (hunspell-vi) is no problem by itself: the field waits for
    a second reading; letters that are no Vietnamese syllable stay a problem."""
    from ocr.assemble import apply_thresholds, canonicalize
    from ocr.lexicon import check_name, syllables, tone_style, unconfirmed, vietnamese_syllables

    assert len(vietnamese_syllables()) > 6000  # Debian's hunspell-vi, installed by make setup
    assert "khuê" in vietnamese_syllables() and tone_style("thủy") in vietnamese_syllables()
    rare = next(s for s in ("khuê", "thoại", "nghiêm", "quỳnh", "diệp", "nhược", "khiết", "uyển", "thục", "khải")
                if s not in syllables("name"))
    name = f"NGUYỄN {rare.upper()}"
    assert check_name(name) == (name, []) and unconfirmed(name, "name") == [rare.upper()]
    assert check_name("LƯU HỒNG HUYÊỀN")[1]  # not a Vietnamese syllable at all
    if "bảng" not in syllables("name"):  # a real syllable is never 'corrected' into a known name with its letters:
        # it is unconfirmed, and stands only when a second reading agrees
        assert check_name("TẠ QUANG BẢNG") == ("TẠ QUANG BẢNG", [])
        assert unconfirmed("TẠ QUANG BẢNG", "name") == ["BẢNG"]
    assert check_name("NGUYÊN VĂN AN")[0] == "NGUYỄN VĂN AN"  # surnames are a closed list: corrected
    for confirmed in ([], ["reread"]):
        rs = readings(R("owners.0.name", name, 0.96))
        canonicalize(rs, None)
        rs["owners.0.name"].confirmed += confirmed
        apply_thresholds(rs)
        assert rs["owners.0.name"].flagged is (not confirmed)
        if not confirmed:
            assert rare.upper() in rs["owners.0.name"].flag_reason


def test_degraded_scan_needs_more_than_two_ocr_readings():
    from ocr.assemble import apply_thresholds

    def at(field: str, value: str, by: list[str]) -> FieldReading:
        r = FieldReading(field, value, value, 0.995, page=1)
        r.confirmed = list(by)
        return r

    only_reread = at("serial", "CS 123456", ["reread"])
    third = at("parcel.parcel_no", "125", ["reread", "reread2"])
    cross = at("parcel.area_m2", "32.4", ["reread", "check"])
    name = at("owners.0.name", "NGUYỄN VĂN AN", ["reread"])  # two readings can share a diacritic mistake
    name3 = at("owners.1.name", "NGUYỄN VĂN AN", ["reread", "reread2"])
    rs = readings(only_reread, third, cross, name, name3)
    apply_thresholds(rs, degraded={1: 0.8})
    assert only_reread.flagged and "degraded scan" in only_reread.flag_reason
    assert not third.flagged and not cross.flagged and not name3.flagged
    assert name.flagged and "third reading" in name.flag_reason
    clean = at("serial", "CS 123456", ["reread"])
    apply_thresholds(readings(clean))
    assert not clean.flagged  # a good scan: two agreeing readings are enough
    weak, confirmed = at("changes.0.text", "Thế chấp", []), at("changes.0.text", "Thế chấp", ["reread"])
    weak.confidence, confirmed.confidence = 0.75, 0.9  # a weakest word of 0.75 vs every weak word read twice
    apply_thresholds(readings(weak))
    apply_thresholds(readings(confirmed))
    assert weak.flagged and not confirmed.flagged  # long texts: no lower threshold, their weak words re-read


def test_agree_records_what_confirmed():
    r = R("parcel.area_m2", "32.4")
    checks.agree(r, by="reread")
    checks.agree(r)
    assert r.confirmed == ["reread", "check"]
    flagged = R("serial", "CS 1")
    flagged.flag("x")
    checks.agree(flagged, by="reread")
    assert flagged.confirmed == [] and flagged.confidence == 0.9


def test_names_and_change_texts_with_stray_characters_are_flagged():
    from ocr.assemble import canonicalize

    rs = readings(R("owners.0.name", "ĐINH THỊ MỸ KHÁNH]", 0.95),
                  R("changes.0.text", "Đính chính thông tin người sử dụng đất theo hồ sơ số 83280.ĐÐC.009", 0.95))
    canonicalize(rs, None)
    assert rs["owners.0.name"].flagged and "']'" in rs["owners.0.name"].flag_reason
    assert rs["changes.0.text"].flagged and "Ð" in rs["changes.0.text"].flag_reason


def test_cccd_number_does_not_vouch_for_a_cc_label():
    rs = readings(R("owners.0.name", "AN"), R("owners.0.title", "Ông"), R("owners.0.birth_year", "1950"),
                  R("owners.0.id_type", "CC", 0.8), R("owners.0.id_number", "079050247939"))
    checks.check_owner_ids(rs)
    assert rs["owners.0.id_type"].confidence == 0.8 and rs["owners.0.birth_year"].confidence >= checks.AGREED


def test_printed_capitals_are_never_rewritten():
    """The lexicon chooses diacritics, never capitals: a printed lower-case 'Quốc lộ' stays lower-case; a known
    name read with other capitals ('Lê Văn lương') is kept as read and needs a second reading that agrees."""
    from ocr.assemble import apply_thresholds, canonicalize
    from ocr.lexicon import check_place

    assert check_place("12 Quốc lộ 13, Phường Hiệp Bình Chánh")[0] == "12 Quốc lộ 13, Phường Hiệp Bình Chánh"
    assert check_place("12 Quoc lo 13")[0] == "12 Quốc lộ 13"
    rs = readings(R("parcel.address", "12 Quốc lộ 13, Phường Hiệp Bình Chánh", 0.99),
                  R("owners.0.address", "400/8 Lê Văn lương, Quận 7", 0.99))
    canonicalize(rs, None)
    assert rs["parcel.address"].value == "12 Quốc lộ 13, Phường Hiệp Bình Chánh"
    assert rs["parcel.address"].raw_text == "12 Quốc lộ 13, Phường Hiệp Bình Chánh"
    assert rs["owners.0.address"].value == "400/8 Lê Văn lương, Quận 7"
    assert "capitals" in rs["owners.0.address"].pending
    apply_thresholds(rs)
    assert rs["owners.0.address"].flagged and not rs["parcel.address"].flagged


def _disagreeing(field: str, value: str, other: str) -> FieldReading:
    r = R(field, value)
    r.flag(f"two readings disagree: {value} / {other}", confidence_cap=0.5)
    r.alternatives.append(other)
    return r


def test_geometry_settles_a_disagreeing_cell_only_when_exactly_one_reading_fits():
    from ocr.resolve import resolve_by_edges

    rs = _square()  # 10 m sides
    rs["vertices.1.edge_m"] = _disagreeing("vertices.1.edge_m", "50.00", "10.00")
    rs["vertices.3.x"] = _disagreeing("vertices.3.x", "1191839.000", rs["vertices.3.x"].value)
    resolve_by_edges(rs, 0.01)
    checks.check_edges(rs, 0.01)
    assert rs["vertices.1.edge_m"].value == "10.00" and not rs["vertices.1.edge_m"].flagged
    assert not rs["vertices.3.x"].flagged and rs["vertices.3.x"].confidence >= checks.AGREED
    assert any(c.startswith("geometry over") for c in rs["vertices.3.x"].confirmed)
    unsettled = _square()  # an edge between a vertex that is itself undecided: nothing to measure it against
    unsettled["vertices.1.edge_m"] = _disagreeing("vertices.1.edge_m", "50.00", "10.00")
    unsettled["vertices.2.x"] = _disagreeing("vertices.2.x", "1191839.000", unsettled["vertices.2.x"].value)
    resolve_by_edges(unsettled, 0.01)
    assert unsettled["vertices.1.edge_m"].flagged and unsettled["vertices.2.x"].flagged
    both_fit = _square()  # neither reading fits: still flagged
    both_fit["vertices.1.edge_m"] = _disagreeing("vertices.1.edge_m", "50.00", "12.00")
    resolve_by_edges(both_fit, 0.01)
    assert both_fit["vertices.1.edge_m"].flagged and both_fit["vertices.1.edge_m"].value == "50.00"
    other_reason = _square()  # flagged for something else too: not touched
    other_reason["vertices.1.edge_m"] = _disagreeing("vertices.1.edge_m", "50.00", "10.00")
    other_reason["vertices.1.edge_m"].flag("a person wrote over it")
    resolve_by_edges(other_reason, 0.01)
    assert other_reason["vertices.1.edge_m"].flagged


def test_a_coordinate_reading_out_of_every_zone_loses_to_the_one_in_range():
    from ocr.table import CellReading
    from ocr.vertices import vote

    assert vote("y", CellReading("5990684.66", 0.9), CellReading("590684.66", 0.9))[0] == "590684.66"
    assert vote("y", CellReading("590684.66", 0.9), CellReading("590084.66", 0.9))[3]  # both plausible: flag
    swapped = vote("x", CellReading("590684.66", 0.9), CellReading("590684.66", 0.9))  # a swapped table: kept
    assert swapped[0] == "590684.66" and swapped[3] is None


def test_garbled_id_label_is_vouched_only_by_a_valid_cccd():
    from ocr.assemble import apply_thresholds
    from ocr.fields import nearest_id_type

    assert nearest_id_type("cœcd") == "CCCD" and nearest_id_type("cxd") is None
    for number, vouched in (("079050247939", True), ("079150247939", False)):  # the second: a woman's number
        rs = readings(R("owners.0.name", "AN", 0.99), R("owners.0.title", "Ông", 0.99),
                      R("owners.0.birth_year", "1950", 0.99), R("owners.0.id_type", "CCCD", 0.5),
                      R("owners.0.id_number", number, 0.99))
        checks.check_owner_ids(rs)
        apply_thresholds(rs)
        assert rs["owners.0.id_type"].flagged is (not vouched)


def test_look_alike_letters_and_second_word_readings():
    from ocr.normalize import clean_text
    from ocr.reread import same_word

    assert clean_text("Ðính chính") == "Đính chính" and "Ð" in clean_text("hồ sơ 83280.ÐĐC.009")
    assert same_word("9727/2020/HĐTC", "9727/2020/HĐTC.") and not same_word("9727/2020/HĐTC", "9727/2020/HĐTCŒ")
    assert same_word("quyên", "quyền")  # the standard wording's spelling, confirmed by the second reading
    assert not same_word("Gón", "Gòn") and not same_word("", "")


def test_a_list_short_of_an_item_is_flagged_as_a_whole():
    """A land use or vertex row the OCR lost has no reading to carry a flag: the list itself is flagged, and the
    evaluation counts the lost item's fields as flagged through it."""
    from ocr.evaluate import compare

    short = readings(R("parcel.area_m2", "150"), R("parcel.land_uses.0.area_m2", "81.7"))
    checks.check_land_use_sum(short)
    assert short["parcel.land_uses"].flagged and "may be missing" in short["parcel.land_uses"].flag_reason
    over = readings(R("parcel.area_m2", "150"), R("parcel.land_uses.0.area_m2", "181.7"))
    checks.check_land_use_sum(over)
    assert "parcel.land_uses" not in over  # too much is a misread value, flagged on the values
    gap = readings(*(R(f"vertices.{i}.point", str(p), 0.9) for i, p in enumerate([1, 2, 4])),
                   *(R(f"vertices.{i}.x", "1", 0.99) for i in range(3)))
    checks.check_points(gap)
    assert gap["vertices"].flagged
    predicted = {"vertices": [{"point": "1"}], "flags": [{"field": "vertices", "reason": "rows may be missing"}]}
    truth = {"vertices": [{"point": "1"}, {"point": "2"}]}
    assert all(o.flagged for o in compare(predicted, truth))
    ring = _square()  # every edge agrees with the coordinates: no row can be missing, the printed area is wrong
    checks.check_edges(ring, 0.01)
    ring["parcel.area_m2"] = R("parcel.area_m2", "130")
    checks.check_polygon_area(ring, 0.0004, 500)
    assert ring["parcel.area_m2"].flagged and "vertices" not in ring


def test_both_tone_placements_are_one_spelling():
    """'Thùy'/'Thuỳ', 'Hòa'/'Hoà': the old and the new placement of the tone mark pass the name check alike, and
    neither is rewritten into the other (landdb.vietnamese.tone_style is the one place that decides)."""
    from landdb.vietnamese import tone_style
    from ocr.lexicon import check_name, unconfirmed

    for a, b in (("NGUYỄN THỊ THÙY", "NGUYỄN THỊ THUỲ"), ("LÊ VĂN HÒA", "LÊ VĂN HOÀ"), ("Trần Thị Thùy Linh",
                                                                                       "Trần Thị Thuỳ Linh")):
        assert check_name(a) == (a, []) and check_name(b) == (b, [])
        assert unconfirmed(a, "name") == [] and unconfirmed(b, "name") == []
        assert tone_style(a.split()[-1]) == tone_style(b.split()[-1])


def test_area_words_cut_short_are_flagged():
    """'Hai trăm … phẩy năm mét' (the last word on a line not read) parses to the right number but is not what
    the paper says: flagged, never confirmed by the digits."""
    rs = readings(R("parcel.area_m2", "245.5"), R("parcel.area_words", "Hai trăm bốn mươi lăm phẩy năm mét"))
    checks.check_area_words(rs)
    assert rs["parcel.area_words"].flagged and "mét vuông" in rs["parcel.area_words"].flag_reason
    assert "check" not in rs["parcel.area_m2"].confirmed


def test_a_land_use_lost_flags_the_list_unless_the_others_make_the_total():
    from ocr.assemble import build_record

    def uses(first_area: str) -> dict[str, FieldReading]:
        return readings(R("parcel.area_m2", "181.6"), R("parcel.land_uses.0.name", "Đất ở tại đô thị"),
                        R("parcel.land_uses.0.code", "ODT"), R("parcel.land_uses.0.area_m2", first_area),
                        R("parcel.land_uses.1.name", "Đ, CC eo ®"), R("parcel.land_uses.1.code", None))
    whole = uses("181.6")  # a stray line joined to the value: the one use makes the total
    checks.check_land_use_sum(whole)
    build_record(whole, "GCN-2024", "x")
    assert whole["parcel.land_uses.1"].flagged and "parcel.land_uses" not in whole
    short = uses("120")  # the lost piece was a land use: the others fall short of the total
    checks.check_land_use_sum(short)
    record = build_record(short, "GCN-2024", "x")
    assert short["parcel.land_uses"].flagged and len(record.parcel.land_uses) == 1
