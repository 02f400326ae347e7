-- The row-audit triggers of the tables the city fills: a generated city is not edits by a person, so the bulk
-- load leaves them off (re-enabled in the same transaction).
select t.tgrelid::regclass::text as table_name, t.tgname as name
  from pg_trigger t
 where not t.tgisinternal and t.tgname like 'audit\_%%'
   and t.tgrelid::regclass::text = any(%(tables)s::text[])
