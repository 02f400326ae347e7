-- Secondary indexes of the tables the city fills (not those behind a constraint): dropped for the bulk load and
-- re-created with the same definitions after it (the usual bulk-load order: COPY, then index).
select i.indexname as name, i.indexdef as definition
  from pg_indexes i
 where i.schemaname = 'public' and i.tablename = any(%(tables)s::text[])
   and not exists (select 1 from pg_constraint c where c.conname = i.indexname)
 order by i.tablename, i.indexname
