insert into map_sheet_change (map_sheet_id, map_import_id, from_version, to_version, added, removed, changed)
values (%(sheet_id)s, %(import_id)s, %(from_version)s, %(to_version)s, %(added)s, %(removed)s, %(changed)s)
