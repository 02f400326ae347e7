-- With the id ingest/next_ids took for it (the loader), or the next of the sequence (an owner a reviewer adds).
insert into party (id, kind, title, name, birth_year, id_type, id_number, address)
values (coalesce(%(id)s::bigint, nextval(pg_get_serial_sequence('party', 'id'))), %(kind)s, %(title)s, %(name)s,
        %(birth_year)s, %(id_type)s, %(id_number)s, %(address)s)
returning id
