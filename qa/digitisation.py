"""A commune's digitisation closed: every certificate of it is loaded, so a map parcel without one is worth a
look (rule ``parcel_without_certificate``)."""

from __future__ import annotations

import psycopg

from qa.sqlfiles import text


def close(conn: psycopg.Connection, commune: str, actor: str) -> bool:
    """Close the commune's digitisation; False when it was closed already. Unknown communes are an error."""
    from geo.names import require_commune
    from landdb.db import transaction

    commune = require_commune(conn, commune)
    with transaction(actor, conn):
        return conn.execute(text("digitisation_close"), {"commune_code": commune, "actor": actor}).fetchone() \
            is not None
