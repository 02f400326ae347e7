update map_sheet
set version = version + 1, content_sha256 = %(content_sha256)s, map_import_id = %(import_id)s, srid = %(srid)s,
    source = %(source)s, updated_at = now()
where id = %(sheet_id)s
returning id, version
