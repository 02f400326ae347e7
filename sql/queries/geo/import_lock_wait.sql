-- Wait for another import of the same commune to finish (see import_lock).
select pg_advisory_xact_lock(hashtext('landdb.map_import'), hashtext(%(commune_code)s))
