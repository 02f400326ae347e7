-- Open findings of the run's rules and scope that the run no longer finds are closed as fixed.
-- Exceptions and verified findings are people's decisions and are left alone.
update qa_finding f
   set status = 'fixed', status_reason = 'not found by QA run ' || %(run_id)s, status_by = %(actor)s,
       status_at = now(), version = f.version + 1, updated_at = now()
 where f.status = 'new'
   and f.rule_id = any (%(rules)s::text[])
   and (%(commune)s::text is null or f.commune_code = %(commune)s)
   and f.last_seen_run_id is distinct from %(run_id)s
