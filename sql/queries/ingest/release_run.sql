select pg_advisory_unlock(%(lock_class)s::integer, %(id)s::integer)
