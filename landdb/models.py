"""Record models: the certificate record of ``landdb/schema/certificate.schema.json``.

The schema ships inside the package (a byte-identical copy of the project's reference schema;
``tests/test_schema_packaged.py`` keeps the two from drifting). The pydantic models mirror it field
for field. Text is NFC.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from landdb.errors import ConfigError, ValidationError
from landdb.vietnamese import nfc

Form = Literal["GCN-2014", "GCN-2024"]
IdType = Literal["CCCD", "CMND", "CC"]

SCHEMA_PATH = Path(__file__).resolve().parent / "schema" / "certificate.schema.json"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=True)

    @field_validator("*", mode="before")
    @classmethod
    def _nfc(cls, value: Any) -> Any:
        return nfc(value) if isinstance(value, str) else value


class Owner(_Record):
    title: str | None = None
    name: str
    birth_year: int | None = None
    id_type: IdType | None = None
    id_number: str | None = None
    address: str | None = None


class LandUse(_Record):
    code: str
    name: str | None = None
    area_m2: float | None = None


class Parcel(_Record):
    parcel_no: str | None
    sheet_no: str | None
    address: str | None = None
    area_m2: float | None
    area_words: str | None = None
    use_form: str | None = None
    land_uses: list[LandUse] = Field(default_factory=list)
    term: str | None = None
    origin: str | None = None


class Vertex(_Record):
    point: str
    x: float | None = Field(description="northing, m (VN-2000)")
    y: float | None = Field(description="easting, m (VN-2000)")
    edge_m: float | None = None


class Change(_Record):
    text: str
    date: dt.date | None = None


class Flag(BaseModel):
    model_config = ConfigDict(extra="allow")
    field: str
    reason: str


class CertificateRecord(_Record):
    """What one certificate says, as printed (ground truth and `landdb extract` output)."""

    source: str | None = None
    form: Form
    serial: str | None
    register_no: str | None
    issue_date: dt.date | None = None
    issuer: str | None = None
    owners: list[Owner] = Field(min_length=1)
    parcel: Parcel
    vertices: list[Vertex]
    changes: list[Change] = Field(default_factory=list)
    field_confidence: dict[str, float] | None = None
    flags: list[Flag] | None = None

    def to_json_dict(self) -> dict[str, Any]:
        """A dict in the shape of the shared schema (dates as ISO strings, unset output fields left out)."""
        return self.model_dump(mode="json", exclude_none=False, exclude_unset=False,
                               exclude={k for k in ("source", "field_confidence", "flags")
                                        if getattr(self, k) is None})


@cache
def certificate_schema() -> dict[str, Any]:
    """The packaged certificate schema; :class:`ConfigError` naming the file when it is missing or broken."""
    try:
        return json.loads(SCHEMA_PATH.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise ConfigError(f"the certificate schema is missing: {SCHEMA_PATH} (reinstall landdb)") from exc
    except (OSError, json.JSONDecodeError) as exc:
        raise ConfigError(f"the certificate schema cannot be read: {SCHEMA_PATH}: {exc}") from exc


def validate_record_json(data: dict[str, Any]) -> None:
    """Raise :class:`ValidationError` naming every problem if ``data`` breaks the certificate schema."""
    import jsonschema

    validator = jsonschema.Draft202012Validator(
        certificate_schema(), format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
    )
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        detail = "; ".join(f"{'/'.join(map(str, e.absolute_path)) or '<root>'}: {e.message}" for e in errors[:10])
        raise ValidationError(f"record does not match certificate.schema.json: {detail}")
