"""What the land database holds, for `landdb stats` and the end-of-build summary."""

from __future__ import annotations

from typing import Any

from landdb.db import connect
from landdb.settings import Settings
from landdb.sql import query


def database_stats(settings: Settings) -> dict[str, Any]:
    with connect(settings) as conn:
        counts = dict(conn.execute(query("stats/counts")).fetchone())
        documents = {r["status"]: r["n"] for r in conn.execute(query("stats/documents_by_status"))}
        findings: dict[str, dict[str, int]] = {}
        for row in conn.execute(query("stats/findings_by_rule")):
            findings.setdefault(row["rule_id"], {})[row["status"]] = row["n"]
        links = {r["link_status"]: r["n"] for r in conn.execute(query("stats/links_by_status"))}
    return {**counts, "documents_by_status": documents, "qa_findings": findings, "certificate_links": links}
