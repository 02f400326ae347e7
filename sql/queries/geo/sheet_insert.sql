insert into map_sheet (commune_code, sheet_no, scale, srid, source, content_sha256, map_import_id)
values (%(commune_code)s, %(sheet_no)s, %(scale)s, %(srid)s, %(source)s, %(content_sha256)s, %(import_id)s)
returning id, version
