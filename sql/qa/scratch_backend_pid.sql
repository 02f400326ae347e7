-- Our session's backend pid: part of a scratch table's name, so a dead session's tables can be swept.
select pg_backend_pid() as pid
