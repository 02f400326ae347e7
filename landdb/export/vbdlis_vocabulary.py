"""The words and codes VBDLIS's import template takes in its list columns (domain.md §8), each with where it was seen.
Only what a source shows is encoded; a column whose vocabulary is not public is left empty (the template allows it)
or, if the template requires it, must be given by the office — never guessed.

Sources:

- GOLDEN: a workbook VBDLIS imported successfully (174 rows: households, parcels without a certificate, the 2025
  campaign), as analysed column by column by a practitioners' tool, "VBDLIS Excel Builder" (public GitHub; the same
  analysis domain.md §8 cites: 24 of 61 columns filled). Its defaults, taken from that file: M ``Hộ gia đình``,
  N ``Chủ hộ`` / ``Thành viên hộ gia đình``, AY ``Loại 5``, BA ``Căn cước công dân``, BB ``2``, Mục 2
  ``CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}`` (or ``CHUACAPGIAY_…``), Mục 49 ``{Mục 2}-TBXN.pdf, {Mục 2}-DDK.pdf``.

What stays unconfirmed (no public copy of the template's lists):

- AY, Phân loại thửa đất (required): the form is ``Loại N``; which N a parcel is (the classes of the 2025
  campaign) is the office's decision, so the export takes it as a parameter and stops without it.
- BB/BE, Trạng thái xác thực số giấy tờ: a code of the template's helper sheet ``TrangThaiXacThucSoGiayTo`` (the
  golden file has ``2``); what each code means is in that sheet only. Left empty unless the office gives the code.
- M, Pháp nhân trên GCN, for anything but a household (a person, a couple, an organisation): left empty.
- BA for ID papers other than the CCCD (the old CMND, a passport): left empty.

>>> parcel_class("Loại 5")
'Loại 5'
>>> id_state("2")
'2'
"""

from __future__ import annotations

import re

from landdb.errors import ValidationError

SOURCE = "a workbook VBDLIS imported successfully, analysed by the practitioners' tool VBDLIS Excel Builder"

HOUSEHOLD = "Hộ gia đình"                                   # M [GOLDEN]
HEAD, MEMBER = "Chủ hộ", "Thành viên hộ gia đình"           # N [GOLDEN; domain.md §8]
ID_PAPER = {"CCCD": "Căn cước công dân", "CC": "Căn cước công dân"}   # BA [GOLDEN: Căn cước công dân]
DOSSIER_PREFIX = "CHUACOGIAY"                               # Mục 2 of a parcel without certificate [GOLDEN; §8]
COMMUNE_CODE = re.compile(r"^\d{5}$")   # mã ĐVHC cấp xã: 5 digits, national (QĐ 124/2004/QĐ-TTg; 2025 list alike)

_PARCEL_CLASS = re.compile(r"^Loại \d{1,2}$")
_ID_STATE = re.compile(r"^\d{1,2}$")


def parcel_class(value: str | None) -> str:
    """Column AY for this export (required by the template), as the office classed these parcels."""
    text = " ".join((value or "").split())
    if not _PARCEL_CLASS.match(text):
        raise ValidationError(
            f"column AY (Phân loại thửa đất) is required and takes 'Loại N' (a successful import of parcels without "
            f"certificate used 'Loại 5'); which class these parcels are is the office's to say: give it "
            f"(--parcel-class 'Loại N'){', not ' + repr(value) if value else ''}")
    return text


def id_state(value: str | None) -> str | None:
    """Columns BB/BE: a code of the template's sheet TrangThaiXacThucSoGiayTo, or None (left empty)."""
    if value is None or value == "":
        return None
    if not _ID_STATE.match(value.strip()):
        raise ValidationError(f"--id-state takes a code of the template's sheet TrangThaiXacThucSoGiayTo (a number, "
                              f"e.g. 2 as in a successful import), not {value!r}")
    return value.strip()


def dossier_code(commune: str | None, sheet: str | None, parcel: str | None) -> tuple[str | None, str | None]:
    """(``CHUACOGIAY_{MA_XA}_{SO_TO}_{SO_THUA}``, None), or (None, why it cannot be made). MA_XA is the parcel's
    commune as landdb keys it — the former commune, within which sheets are numbered (domain.md §4) — so the code is
    unique; sheet and parcel numbers are written without leading zeros.

    >>> dossier_code("26893", "01", "7")
    ('CHUACOGIAY_26893_1_7', None)
    >>> dossier_code("VB1", "1", "7")[1]
    "commune code 'VB1' is not a 5-digit mã ĐVHC"
    """
    if not COMMUNE_CODE.match(commune or ""):
        return None, f"commune code {commune!r} is not a 5-digit mã ĐVHC"
    if not (sheet or "").isdigit() or not (parcel or "").isdigit():
        return None, f"sheet {sheet!r} / parcel {parcel!r} are not plain numbers"
    return f"{DOSSIER_PREFIX}_{commune}_{int(sheet)}_{int(parcel)}", None
