-- After a COPY with explicit ids: each sequence past the largest id.
select setval(pg_get_serial_sequence(%(table)s, 'id'), greatest(1, (select coalesce(max(id), 1) from {table})))
