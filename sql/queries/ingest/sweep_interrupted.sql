-- a run still 'running' whose lock nobody holds has lost its process: it was interrupted
update ingest_run
   set status = 'interrupted', finished_at = now(),
       summary = summary || jsonb_build_object('error', 'the process running it ended before the run finished '
                                                        '(killed, crashed or cut from the database)')
 where status = 'running' and pg_try_advisory_xact_lock(%(lock_class)s::integer, id::integer)
returning id
