select r.id, r.started_at, r.finished_at, r.status, r.run_by, r.host, r.pid, r.scans_dir, r.arguments,
       r.task_runner, r.summary, r.retry_of, r.commune_code, r.ingest_started_at,
       (select count(*) from ingest_run_document d where d.run_id = r.id) as documents
  from ingest_run r where r.id = %(id)s
