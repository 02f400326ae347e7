-- After a whole-city run split into one run per commune: the open findings of the run's rules outside every
-- commune run (a commune whose parcels and certificates are gone, or none) are closed as fixed, as the
-- whole-city run's _findings_close would have. People's decisions (exceptions, verified) are left alone.
update qa_finding f
   set status = 'fixed', status_reason = 'not found by the QA runs ' || %(first_run_id)s || '–' || %(last_run_id)s
                                          || ' of every commune',
       status_by = %(actor)s, status_at = now(), version = f.version + 1, updated_at = now()
 where f.status = 'new'
   and f.rule_id = any (%(rules)s::text[])
   and (f.commune_code is null or not (f.commune_code = any (%(communes)s::text[])))
