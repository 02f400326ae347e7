"""Runs the rule catalogue: on the land database (findings stored, previous findings of the same scope
superseded) or on a scratch table loaded from a file (findings returned only).

Every rule reads a working copy of the parcels in scope (``pg_temp.qa_work``): the surveyed geometry
and, for invalid ones, a repaired polygonal copy (``ST_MakeValid``) that the other rules measure on —
their findings then say so. Rules are set-based SQL (``sql/qa/<rule>.sql``) or, for certificate
records, Python over rows.

>>> a = fingerprint("overlap", "01234", ["1/3", "1/2"], "", True)
>>> a == fingerprint("overlap", "01234", ["1/2", "1/3"], "", True), a == fingerprint("gap", "01234", [], "", True)
(True, False)
"""

from __future__ import annotations

import hashlib
import time
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import psycopg
from psycopg.types.json import Jsonb

from geo.names import require_commune
from landdb import __version__
from landdb.db import connect, transaction
from landdb.errors import ValidationError
from landdb.settings import Settings, get_settings
from qa import rules as catalogue
from qa.params import rule_parameters
from qa.rules.base import REPAIRED_NOTE, Rule
from qa.rules.land_use_code_unknown import KNOWN_CODES
from qa.sqlfiles import composed, text


@dataclass
class RunResult:
    rules: list[str]
    parameters: dict[str, Any]
    findings: list[dict[str, Any]]
    run_id: int | None = None
    seconds: float = 0.0
    parcels: int = 0
    stored: int = 0
    closed: int = 0
    summary: dict[str, int] = field(default_factory=dict)
    not_checked: list[str] = field(default_factory=list)  # what a rule could not check, one line each


def fingerprint(rule_id: str, commune: str | None, keys: Iterable[str], spot: str | None, by_keys: bool) -> str:
    """A stable identity of a finding across runs: rule, commune, parcel keys (sorted) and spot."""
    basis = "|".join([rule_id, commune or "", ",".join(sorted(keys)) if by_keys else "", spot or ""])
    return hashlib.sha1(basis.encode("utf-8")).hexdigest()[:24]


def _bind(params: Mapping[str, Any]) -> dict[str, Any]:
    return {k: Jsonb(v) if isinstance(v, dict) else v for k, v in params.items()}


def prepare(conn: psycopg.Connection, source: str, params: Mapping[str, Any], commune: str | None,
            scratch: bool) -> int:
    """Build ``pg_temp.qa_work`` from ``source`` (the parcel table or a scratch table); returns its size."""
    conn.execute(text("_work_drop"))
    prep = "_work_from_scratch" if scratch else "_work_from_parcel"
    conn.execute(composed(prep, source=source), {**_bind(params), "commune": commune})
    conn.execute(text("_work_index"))
    conn.execute(text("_result_create"))
    return conn.execute(text("_work_count")).fetchone()["n"]


def collect(conn: psycopg.Connection, rules: Iterable[Rule], params: Mapping[str, Any], commune: str | None) -> None:
    """Run each rule into ``pg_temp.qa_result``."""
    bound = {**_bind(params), "commune": commune}
    for rule in rules:
        if rule.evaluate is None:
            statement = composed("_collect", rule=composed(rule.sql_name, parcels="pg_temp.qa_work"))
            conn.execute(statement, {**bound, "rule_id": rule.id})
            continue
        rows = [{**row, "rule_id": rule.id} for row in rule.evaluate(conn, params, commune)]
        if rows:
            with conn.cursor() as cur:
                cur.executemany(text("_collect_python"), rows)
    conn.execute(text("_result_mark_repaired"))


def not_checked(conn: psycopg.Connection, rules: Iterable[Rule]) -> list[str]:
    """What each rule with a coverage query could not check, one line per rule and commune.

    >>> _coverage_line("sheet_crossing", "26893", ["1", "2"])
    'sheet_crossing: not checked in commune 26893, sheets 1, 2 (no frame known on their SRID)'
    """
    lines = []
    for rule in rules:
        if rule.coverage:
            for row in conn.execute(composed(f"{rule.id}_coverage", parcels="pg_temp.qa_work")).fetchall():
                lines.append(_coverage_line(rule.id, row["commune_code"], list(row["not_checked"])))
    return lines


_WHY = {"sheet_crossing": "no frame known on their SRID",
        "road_water_overlap": "no road or water feature imported for the commune"}


def _coverage_line(rule_id: str, commune: str, sheets: list[str]) -> str:
    shown = ", ".join(sheets[:20]) + (f" … ({len(sheets)} in all)" if len(sheets) > 20 else "")
    return f"{rule_id}: not checked in commune {commune}, sheets {shown} ({_WHY.get(rule_id, 'see the rule')})"


def explain_results(conn: psycopg.Connection) -> None:
    """Write each finding's human sentence and fingerprint (one pass over findings, not over pairs)."""
    rows = conn.execute(text("_result_fetch")).fetchall()
    seen: Counter[str] = Counter()
    updates = []
    for row in rows:
        rule = catalogue.BY_ID[row["rule_id"]]
        message = rule.explain(row)
        if row["repaired"]:
            message = f"{message} {REPAIRED_NOTE}"
        fp = fingerprint(rule.id, row["commune_code"], row["parcel_keys"], row["spot"], rule.fingerprint_by_keys)
        seen[fp] += 1
        if seen[fp] > 1:  # e.g. two parcels sharing a duplicated key, both invalid
            fp = f"{fp}#{seen[fp]}"
        updates.append({"id": row["id"], "message": message, "fingerprint": fp})
    if updates:
        with conn.cursor() as cur:
            cur.executemany(text("_result_set_text"), updates)


def exported(conn: psycopg.Connection) -> list[dict[str, Any]]:
    out = []
    for row in conn.execute(text("_result_export")).fetchall():
        out.append({
            "rule": row["rule_id"], "severity": catalogue.BY_ID[row["rule_id"]].severity,
            "parcels": list(row["parcel_keys"]), "parcel_ids": list(row["parcel_ids"]),
            "commune_code": row["commune_code"], "measure": row["measure"], "threshold": row["threshold"],
            "unit": row["unit"], "message": row["message"], "repaired": row["repaired"], "details": row["details"],
            "fingerprint": row["fingerprint"], "geometry_wkt": row["geometry_wkt"],
        })
    return out


def _params(settings: Settings, overrides: Mapping[str, Any] | None) -> dict[str, Any]:
    params = rule_parameters(settings, **dict(overrides or {}))
    params.setdefault("known_land_use_codes", list(KNOWN_CODES))
    return params


def _evaluate(conn: psycopg.Connection, source: str, rules: tuple[Rule, ...], params: dict[str, Any],
              commune: str | None, scratch: bool) -> tuple[int, list[dict[str, Any]], list[str]]:
    size = prepare(conn, source, params, commune, scratch)
    collect(conn, rules, params, commune)
    explain_results(conn)
    return size, exported(conn), not_checked(conn, rules)


def select_rules(rule_ids: Iterable[str] | None, map_only: bool = False) -> tuple[Rule, ...]:
    """The rules named (all when none), each unknown id an error naming the close ones."""
    from geo.names import unknown_name

    wanted = [i.strip() for i in (rule_ids or []) if i.strip()]
    pool = [r.id for r in (catalogue.MAP_RULES if map_only else catalogue.RULES)]
    for rule_id in wanted:
        if rule_id not in catalogue.BY_ID:
            raise ValidationError("--rules: " + unknown_name("QA rule", rule_id, pool))
    return catalogue.select(wanted, map_only=map_only)


def check_table(conn: psycopg.Connection, table: str, rule_ids: Iterable[str] | None = None,
                settings: Settings | None = None, overrides: Mapping[str, Any] | None = None) -> RunResult:
    """Run the map rules on a scratch table (see :mod:`qa.scratch`); nothing is stored."""
    started = time.perf_counter()
    settings = settings or get_settings()
    rules = select_rules(rule_ids, map_only=True)
    params = _params(settings, overrides)
    size, findings, unchecked = _evaluate(conn, table, rules, params, None, scratch=True)
    return RunResult(rules=[r.id for r in rules], parameters=params, findings=findings, parcels=size,
                     seconds=time.perf_counter() - started, summary=summarize(findings), not_checked=unchecked)


def summarize(findings: Iterable[Mapping[str, Any]]) -> dict[str, int]:
    """Findings per rule.

    >>> summarize([{"rule": "gap"}, {"rule": "gap"}, {"rule": "overlap"}])
    {'gap': 2, 'overlap': 1}
    """
    return dict(Counter(f["rule"] for f in findings))


def software_version(conn: psycopg.Connection) -> str:
    v = conn.execute(text("_versions")).fetchone()
    return f"landdb {__version__}; PostGIS {v['postgis']}; GEOS {v['geos']}"


def run_database(commune: str | None = None, rule_ids: Iterable[str] | None = None, actor: str | None = None,
                 settings: Settings | None = None, overrides: Mapping[str, Any] | None = None) -> RunResult:
    """Run the catalogue on the land database and store the findings (``landdb qa run``).

    The run's scope is the commune (or everything) and the rules run; findings of that scope are
    matched by fingerprint: refreshed when found again, closed as ``fixed`` when gone, never duplicated.
    An unknown commune or rule id is an error naming the close ones, never an empty run.
    """
    started = time.perf_counter()
    settings = settings or get_settings()
    actor = actor or settings.who
    rules = select_rules(rule_ids)
    params = _params(settings, overrides)
    rule_names = [r.id for r in rules]
    with connect(settings, autocommit=True) as conn:
        commune = require_commune(conn, commune)
        size, findings, unchecked = _evaluate(conn, "public.parcel", rules, params, commune, scratch=False)
        with transaction(actor, conn):
            for rule in rules:
                conn.execute(text("_rule_upsert"), {
                    "id": rule.id, "severity": rule.severity, "description_vi": rule.description_vi,
                    "description_en": rule.description_en,
                    "parameters": Jsonb({p: params.get(p) for p in rule.parameters if p != "known_land_use_codes"}),
                })
            run_id = conn.execute(text("_run_insert"), {
                "rules": rule_names, "parameters": Jsonb(params), "software_version": software_version(conn),
                "scope": Jsonb({"commune": commune, "rules": rule_names, "not_checked": unchecked}),
                "run_by": actor,
            }).fetchone()["id"]
            stored = conn.execute(text("_findings_upsert"), {"run_id": run_id, "actor": actor}).rowcount
            closed = conn.execute(text("_findings_close"), {
                "run_id": run_id, "actor": actor, "rules": rule_names, "commune": commune}).rowcount
            conn.execute(text("_run_finish"), {"run_id": run_id})
    return RunResult(rules=rule_names, parameters=params, findings=findings, run_id=run_id, parcels=size,
                     stored=stored, closed=closed, seconds=time.perf_counter() - started,
                     summary=summarize(findings), not_checked=unchecked)
