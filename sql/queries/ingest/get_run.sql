select id, started_at, finished_at, status, run_by, scans_dir, arguments, task_runner, summary, retry_of
  from ingest_run where id = %(id)s
