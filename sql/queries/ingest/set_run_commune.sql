update ingest_run set commune_code = %(commune_code)s, ingest_started_at = now() where id = %(id)s
