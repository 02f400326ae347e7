-- Imports touching the same commune run one after the other (held to the end of the transaction):
-- true when the lock was free, false when another import holds it (then wait with import_lock_wait).
select pg_try_advisory_xact_lock(hashtext('landdb.map_import'), hashtext(%(commune_code)s)) as got
