select r.id, r.started_at, r.finished_at, r.status, r.run_by, r.scans_dir, r.task_runner, r.retry_of,
       count(i.*) filter (where i.outcome in ('loaded', 'new_version')) as loaded,
       count(i.*) filter (where i.outcome = 'skipped') as skipped,
       count(i.*) filter (where i.outcome = 'failed') as failed,
       greatest((select count(*) from ingest_run_document d where d.run_id = r.id)
                - count(distinct i.path), 0) as not_reached
  from ingest_run r left join ingest_item i on i.run_id = r.id
 group by r.id order by r.id desc limit %(limit)s
