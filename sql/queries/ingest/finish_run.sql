update ingest_run set finished_at = now(), status = %(status)s, summary = %(summary)s
 where id = %(id)s and status = 'running'
