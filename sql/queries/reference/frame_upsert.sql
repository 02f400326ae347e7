-- The frame of one map sheet (geo/reference.py): a sheet the database does not know yet is added with no parcels;
-- a known sheet on another SRID is refused by the caller before this runs.
insert into map_sheet (commune_code, sheet_no, scale, srid, source, frame, frame_source)
values (%(commune_code)s, %(sheet_no)s, %(scale)s, %(srid)s, %(source)s,
        st_setsrid(st_geomfromwkb(%(wkb)s), %(srid)s), %(source)s)
on conflict (commune_code, sheet_no) do update
    set frame = excluded.frame, frame_source = excluded.frame_source,
        scale = coalesce(excluded.scale, map_sheet.scale), srid = coalesce(map_sheet.srid, excluded.srid),
        version = map_sheet.version + 1, updated_at = now()
returning id, (xmax = 0) as inserted
