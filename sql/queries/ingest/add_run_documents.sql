insert into ingest_run_document (run_id, position, path)
select %(run_id)s, d.position, d.path
  from unnest(%(paths)s::text[]) with ordinality as d (path, position)
