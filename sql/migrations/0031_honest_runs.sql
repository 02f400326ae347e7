-- Runs that tell the truth: a run ends done, partial, failed or interrupted (a build killed with kill -9 is found
-- out by the advisory lock it no longer holds); who runs it (host, pid); the commune it loads with (given or
-- inferred from its map import) so a retry uses the same; and the documents it was given, so a retry takes
-- those never reached as well as those that failed.
-- depends: 0030_ingest_runs

alter table ingest_run drop constraint ingest_run_status_check;
update ingest_run r
   set status = case
         when not exists (select 1 from ingest_item i where i.run_id = r.id and i.outcome = 'failed') then 'done'
         when exists (select 1 from ingest_item i where i.run_id = r.id and i.outcome <> 'failed') then 'partial'
         else 'failed' end
 where status = 'finished';
alter table ingest_run add constraint ingest_run_status_check
    check (status in ('running', 'done', 'partial', 'failed', 'interrupted'));
alter table ingest_run
    add column host text,
    add column pid integer,
    add column commune_code text,              -- the commune the documents are loaded with
    add column ingest_started_at timestamptz;  -- set once the map imports are done and the documents start

create table ingest_run_document (             -- the documents a run was given, in order
    run_id    bigint not null references ingest_run (id) on delete cascade,
    position  integer not null,
    path      text not null,
    primary key (run_id, position)
);
create index ingest_item_run_path on ingest_item (run_id, path);
