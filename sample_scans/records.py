"""Seeded, internally consistent certificate records (the ground truth of each sample scan).

A :class:`Certificate` is the schema record plus what the page shows but the schema does not hold
(place of signing, signer, neighbour labels, barcode, the parcel's map key). Everything is derived
from ``(seed, index)`` through :func:`rng_for`, so the same seed gives the same bytes.

>>> cert = make_certificate(seed=1, index=0)
>>> cert.record.form in ('GCN-2014', 'GCN-2024'), len(cert.record.vertices) >= 4
(True, True)
>>> sum(u.area_m2 for u in cert.record.parcel.land_uses) == cert.record.parcel.area_m2
True
"""

from __future__ import annotations

import datetime as dt
import math
import random
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from landdb.landuse import catalogue
from landdb.models import CertificateRecord, Change, LandUse, Owner, Parcel, Vertex
from landdb.vietnamese import number_to_words
from sample_scans import people

FORM_2024_FROM = dt.date(2024, 8, 1)
LAST_DATE = dt.date(2026, 11, 20)
SERIAL_LETTERS_2014 = ["BV", "BX", "CA", "CB", "CĐ", "CE", "CH", "CK", "CL", "CS", "CT", "CU", "DĐ", "DA", "DB"]
SERIAL_LETTERS_2024 = ["AA", "AB", "AC", "AD", "AE", "AĐ"]
BANKS = ["Ngân hàng TMCP Á Châu - Chi nhánh Gò Vấp", "Ngân hàng TMCP Ngoại thương Việt Nam - CN Tân Bình",
         "Ngân hàng Nông nghiệp và Phát triển Nông thôn - CN Sài Gòn", "Ngân hàng TMCP Sài Gòn Thương Tín",
         "Ngân hàng TMCP Kỹ Thương Việt Nam - CN Phú Nhuận", "Ngân hàng TMCP Đầu tư và Phát triển Việt Nam"]
ORIGINS = ["Công nhận quyền sử dụng đất như giao đất có thu tiền sử dụng đất",
           "Nhận chuyển nhượng đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
           "Nhận thừa kế đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất",
           "Nhà nước giao đất có thu tiền sử dụng đất",
           "Nhận tặng cho đất được Công nhận QSDĐ như giao đất có thu tiền sử dụng đất"]
SIGNER_ROLES_UBND = [("TM. ỦY BAN NHÂN DÂN", "KT. CHỦ TỊCH", "PHÓ CHỦ TỊCH")]
SIGNER_ROLES_SO = [("KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"), ("GIÁM ĐỐC",)]


@dataclass(frozen=True)
class Plot:
    """A parcel as the map knows it: key parts, ring (northing, easting) without the closing vertex."""

    sheet_no: str
    parcel_no: str
    ring: tuple[tuple[float, float], ...]
    land_use: str = "ODT"
    district: str = "Gò Vấp"
    ward: str = "Phường 5"
    street: str | None = None
    commune: str | None = None
    neighbours: tuple[str, ...] = ()
    printed_area: float | None = None  # set only to plant a certificate whose area disagrees with its map parcel
    new_ward: str | None = None  # the post-Jul-2025 ward for two-level addresses


@dataclass
class Certificate:
    """The truth record plus what is printed but not in the schema."""

    record: CertificateRecord
    place: str
    signer: str
    signer_roles: tuple[str, ...]
    barcode: str
    neighbours: tuple[str, ...] = ()
    key: str | None = None
    decimals: int = 2
    extra: dict = field(default_factory=dict)


def rng_for(seed: int, index: int, purpose: str = "record") -> random.Random:
    """An independent, reproducible random stream per (seed, document, purpose)."""
    return random.Random(f"landdb-sample:{seed}:{index}:{purpose}")


def half_up(value: float, places: int) -> float:
    """Round half away from zero, as people round printed numbers.

    >>> half_up(2.675, 2), half_up(32.45, 1)
    (2.68, 32.5)
    """
    return float(Decimal(repr(float(value))).quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP))


def comma(value: float, places: int = 1) -> str:
    """A number with a decimal comma: ``comma(32.4) == '32,4'``.

    >>> comma(1250), comma(7.25, 2)
    ('1250,0', '7,25')
    """
    return f"{value:.{places}f}".replace(".", ",")


def ring_area(ring: tuple[tuple[float, float], ...] | list[tuple[float, float]]) -> float:
    """Shoelace area of a ring of (x, y) points (closing point not repeated).

    >>> ring_area([(0, 0), (0, 10), (5, 10), (5, 0)])
    50.0
    """
    s = 0.0
    for (x1, y1), (x2, y2) in zip(ring, ring[1:] + ring[:1], strict=True):
        s += x1 * y2 - x2 * y1
    return abs(s) / 2


def edge_lengths(ring: list[tuple[float, float]]) -> list[float]:
    """Length of the edge from each vertex to the next (wrapping), rounded to 0.01 m.

    >>> edge_lengths([(0, 0), (0, 3), (4, 3)])
    [3.0, 4.0, 5.0]
    """
    return [half_up(math.dist(a, b), 2) for a, b in zip(ring, ring[1:] + ring[:1], strict=True)]


def random_ring(rng: random.Random, decimals: int) -> tuple[tuple[float, float], ...]:
    """A plausible urban lot somewhere in old HCMC on EPSG:9210, as (northing, easting)."""
    north = rng.uniform(1_178_000, 1_206_000)
    east = rng.uniform(590_000, 614_000)
    width, depth = rng.uniform(3.5, 14.0), rng.uniform(9.0, 32.0)
    if rng.random() < 0.1:
        width, depth = rng.uniform(15, 40), rng.uniform(20, 60)
    # local (u across, v along) outline, clockwise seen with east to the right and north up
    pts = [(0.0, 0.0), (0.0, depth), (width, depth), (width, 0.0)]
    if rng.random() < 0.35:  # a bend in one long side
        t = rng.uniform(0.3, 0.7)
        pts.insert(3, (width + rng.uniform(-0.8, 0.8), depth * t))
    if rng.random() < 0.15:  # an L-shaped notch at the back
        nw, nd = width * rng.uniform(0.3, 0.6), depth * rng.uniform(0.15, 0.35)
        pts[2:3] = [(width - nw, depth), (width - nw, depth - nd), (width, depth - nd)]
    angle = rng.uniform(0, 2 * math.pi)
    ca, sa = math.cos(angle), math.sin(angle)
    ring = []
    for u, v in pts:
        u += rng.uniform(-0.25, 0.25)
        v += rng.uniform(-0.25, 0.25)
        e, n = east + u * ca + v * sa, north - u * sa + v * ca
        ring.append((half_up(n, decimals), half_up(e, decimals)))
    return tuple(ring)


def printed_order(ring: tuple[tuple[float, float], ...]) -> list[tuple[float, float]]:
    """Clockwise (seen on a map, north up), starting at the north-west-most vertex, as surveyors list them."""
    pts = list(ring)
    signed = sum(y1 * x2 - y2 * x1 for (x1, y1), (x2, y2) in zip(pts, pts[1:] + pts[:1], strict=True))
    if signed > 0:  # counter-clockwise in (easting, northing)
        pts.reverse()
    start = max(range(len(pts)), key=lambda i: pts[i][0] - pts[i][1])
    return pts[start:] + pts[:start]


def _date_between(rng: random.Random, start: dt.date, end: dt.date) -> dt.date:
    return start + dt.timedelta(days=rng.randint(0, (end - start).days))


def _land_uses(rng: random.Random, main: str, area: float, issue_date: dt.date) -> list[LandUse]:
    names = catalogue(issue_date)
    if main == "ODT" and area > 60 and rng.random() < 0.25:
        tenths = round(area * 10)
        residential = rng.randint(int(tenths * 0.3), int(tenths * 0.8))
        return [LandUse(code="ODT", name=names["ODT"], area_m2=residential / 10),
                LandUse(code="CLN", name=names["CLN"], area_m2=(tenths - residential) / 10)]
    return [LandUse(code=main, name=names[main], area_m2=area)]


def _term(rng: random.Random, uses: list[LandUse], issue_date: dt.date) -> str:
    def one(code: str) -> str:
        if code in ("ODT", "ONT"):
            return "Lâu dài"
        until = issue_date.replace(year=issue_date.year + 50, day=min(issue_date.day, 28))
        return f"Đến ngày {until:%d/%m/%Y}"

    if len(uses) == 1:
        return one(uses[0].code)
    return "; ".join(f"{u.name}: {one(u.code)}" for u in uses)


def _changes(rng: random.Random, issue_date: dt.date, form: str) -> list[Change]:
    count = rng.choices([0, 1, 2, 3], [40, 30, 20, 10] if form == "GCN-2014" else [70, 30, 0, 0])[0]
    changes: list[Change] = []
    when = issue_date
    for _ in range(count):
        if when >= LAST_DATE - dt.timedelta(days=20):
            break
        when = _date_between(rng, when + dt.timedelta(days=10), min(when + dt.timedelta(days=900), LAST_DATE))
        kind = rng.choice(["transfer", "mortgage", "mortgage", "correction"])
        if kind == "transfer":
            female = rng.random() < 0.4
            buyer = people.make_owner(rng, when, female)
            text = (f"Chuyển nhượng cho: {buyer.title}: {buyer.name}, CCCD: {buyer.id_number}; "
                    f"theo hồ sơ số {rng.randint(1, 99999):05d}.CN.{rng.randint(1, 9):03d}")
        elif kind == "mortgage":
            text = (f"Thế chấp bằng quyền sử dụng đất tại {rng.choice(BANKS)} theo hợp đồng số "
                    f"{rng.randint(10, 9999)}/{when.year}/HĐTC")
        else:
            text = "Đính chính thông tin người sử dụng đất: cập nhật số CCCD theo hồ sơ số " \
                   f"{rng.randint(1, 99999):05d}.ĐC.{rng.randint(1, 9):03d}"
        changes.append(Change(text=text, date=when))
    return changes


def _parcel_address(rng: random.Random, plot: Plot, issue_date: dt.date) -> str:
    street = plot.street or rng.choice(people.districts()[plot.district]["streets"])
    house = f"{rng.randint(1, 400)}{'/' + str(rng.randint(1, 40)) if rng.random() < 0.5 else ''}"
    if issue_date >= dt.date(2025, 7, 1):
        return f"{house} {street}, {plot.new_ward or rng.choice(people.new_wards())}, Thành phố Hồ Chí Minh"
    return f"{house} {street}, {plot.ward}, {people.district_label(plot.district, issue_date)}, TP. Hồ Chí Minh"


def _issuer(rng: random.Random, form: str, issue_date: dt.date, district: str) -> tuple[str, str, tuple[str, ...]]:
    """(issuer as printed, place of signing, signer role lines)."""
    city = rng.choice(["TP. Hồ Chí Minh", "Thành phố Hồ Chí Minh"])
    if form == "GCN-2014" and (issue_date < dt.date(2017, 7, 1) or rng.random() < 0.3):
        issuer = f"ỦY BAN NHÂN DÂN {people.district_label(district, issue_date).upper()}"
        place = district
        return issuer, place, SIGNER_ROLES_UBND[0]
    issuer = "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG" if issue_date >= dt.date(2025, 3, 1) else "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG"
    return issuer, city, rng.choice(SIGNER_ROLES_SO)


def make_certificate(seed: int, index: int, plot: Plot | None = None, form: str | None = None) -> Certificate:
    """Certificate number ``index`` of a seeded series; ``plot`` ties it to a map parcel."""
    rng = rng_for(seed, index)
    form = form or rng.choice(["GCN-2014", "GCN-2024"])
    if form == "GCN-2014":
        issue_date = _date_between(rng, dt.date(2014, 1, 2), FORM_2024_FROM - dt.timedelta(days=1))
    else:
        issue_date = _date_between(rng, FORM_2024_FROM, LAST_DATE)
    decimals = 2 if plot is not None or rng.random() < 0.75 else 3
    if plot is None:
        district, ward = people.random_place(rng)
        main = rng.choices(["ODT", "TMD", "CLN", "SKC"], [85, 6, 6, 3])[0]
        plot = Plot(sheet_no=str(rng.randint(1, 60)), parcel_no=str(rng.randint(1, 420)),
                    ring=random_ring(rng, decimals), land_use=main, district=district, ward=ward)
    ring = printed_order(plot.ring)
    area = plot.printed_area if plot.printed_area is not None else half_up(ring_area(ring), 1)
    uses = _land_uses(rng, plot.land_use, area, issue_date)

    household = rng.random() < 0.12
    first_female = rng.random() < 0.42
    owners = [people.make_owner(rng, issue_date, first_female, household=household)]
    if not household and rng.random() < 0.35:  # a married couple
        other = owners[0].birth_year + rng.randint(-6, 6)
        owners.append(people.make_owner(rng, issue_date, not first_female, birth_year=min(other, 2003)))
        owners[1].address = owners[0].address
    extra = {}
    if people.unseen():  # other wordings of titles and labels, and now and then a company as the holder
        from sample_scans import wording

        words = rng_for(seed, index, "wording")
        extra["labels"] = wording.pick_labels(words, form)
        titles = wording.owner_titles(words, [o.title in ("Bà", "Hộ bà") for o in owners], household)
        for owner, title in zip(owners, titles, strict=True):
            owner.title = title
        if words.random() < 0.1:
            owners = [wording.organisation(words, owners[0].address)]
    if form == "GCN-2024":
        owners = [Owner(title=o.title, name=o.name, id_type=o.id_type, id_number=o.id_number) for o in owners]

    if len(uses) == 1 and rng.random() < 0.3:
        use_form = f"riêng: {comma(area)} m²; chung: Không m²"
    else:
        use_form = "Sử dụng riêng"
    issuer, place, roles = _issuer(rng, form, issue_date, plot.district)
    if form == "GCN-2014":
        serial = f"{rng.choice(SERIAL_LETTERS_2014)} {rng.randint(0, 999999):06d}"
    else:
        serial = f"{rng.choice(SERIAL_LETTERS_2024)} {rng.randint(0, 19999999):08d}"
    register_no = f"{rng.choice(['CH', 'CS', 'CT'] if form == 'GCN-2014' else ['CS', 'DA'])}{rng.randint(1, 99999):05d}"

    edges = edge_lengths(ring)
    vertices = [Vertex(point=str(i + 1), x=x, y=y, edge_m=edges[i]) for i, (x, y) in enumerate(ring)]
    parcel = Parcel(parcel_no=plot.parcel_no, sheet_no=plot.sheet_no, address=_parcel_address(rng, plot, issue_date),
                    area_m2=area, area_words=number_to_words(area), use_form=use_form, land_uses=uses,
                    term=_term(rng, uses, issue_date),
                    origin=rng.choice(ORIGINS) if form == "GCN-2014" else None)  # the 2024 form prints no origin
    record = CertificateRecord(form=form, serial=serial, register_no=register_no, issue_date=issue_date,
                               issuer=issuer, owners=owners, parcel=parcel, vertices=vertices,
                               changes=_changes(rng, issue_date, form))
    signer = people.person_name(rng, rng.random() < 0.3)
    barcode = "".join(str(rng.randint(0, 9)) for _ in range(12))
    neighbours = plot.neighbours or tuple(rng.choice(["Thổ cư", "Hẻm", "Đường " + (plot.street or "hẻm"), "Thửa "
                                                      + str(rng.randint(1, 400))]) for _ in ring)
    key = f"{plot.commune}/{plot.sheet_no}/{plot.parcel_no}" if plot.commune else None
    return Certificate(record=record, place=place, signer=signer.title(), signer_roles=roles,
                       barcode=barcode + ean13_check_digit(barcode), neighbours=neighbours, key=key,
                       decimals=decimals, extra=extra)


def ean13_check_digit(digits12: str) -> str:
    """The EAN-13 check digit.

    >>> ean13_check_digit('400638133393')
    '1'
    """
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(digits12))
    return str((10 - total % 10) % 10)


def make_certificates(count: int, seed: int) -> list[Certificate]:
    """``count`` independent certificates of a seeded series."""
    return [make_certificate(seed, i) for i in range(count)]
