-- the documents of a run that it did not load: failed, or never reached (a run from before 0031 lists no
-- documents: then its failed items)
with given as (
    select path, position from ingest_run_document where run_id = %(id)s
    union all
    select path, id from ingest_item
     where run_id = %(id)s and outcome = 'failed'
       and not exists (select 1 from ingest_run_document where run_id = %(id)s)
)
select g.path from given g
 where not exists (select 1 from ingest_item i where i.run_id = %(id)s and i.path = g.path and i.outcome <> 'failed')
 group by g.path order by min(g.position)
