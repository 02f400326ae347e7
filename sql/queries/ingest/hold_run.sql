-- held by the build's own session while the run lives; PostgreSQL releases it when that session ends (kill -9 too)
select pg_advisory_lock(%(lock_class)s::integer, %(id)s::integer)
