-- Scratch tables left behind by a `qa check` that died (killed, connection lost): they are named
-- t_<backend pid>_<random>, and the session with that pid is gone (or the name has no pid at all).
select tablename as name
from pg_tables
where schemaname = 'qa_scratch'
  and (substring(tablename from '^t_([0-9]+)_') is null
       or substring(tablename from '^t_([0-9]+)_')::int not in (select pid from pg_stat_activity))
order by tablename
