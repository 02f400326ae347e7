update ingest_run set finished_at = now(), status = 'finished', summary = %(summary)s where id = %(id)s
