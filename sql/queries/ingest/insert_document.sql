-- With the id taken by ingest/next_ids. The same bytes loaded by another worker a moment ago violate the unique
-- sha256: the document's transaction is rolled back and it counts as already loaded (landdb/loader.py).
insert into source_document (id, sha256, path, pages, media_type, status)
values (%(id)s, %(sha256)s, %(path)s, %(pages)s, %(media_type)s, 'loaded')
