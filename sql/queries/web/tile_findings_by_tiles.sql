-- The open findings on a street tile's parcels below zoom web.tiles.FINDINGS_BY_IDS_ZOOM (thousands of parcels, so
-- not a GIN probe per parcel id: 238 ms at 100,000 parcels): by the zoom-14 tiles of the parcels' centres
-- (qa_finding.overview_tiles, migration 0122; one to four zoom-14 tiles). A part of web/tile.sql (its `here` CTE).
select f.parcel_ids, f.severity
  from qa_finding f
 where f.status = 'new'
   and f.overview_tiles && array(select distinct ((landdb_cell20_x(h.centre_lon) >> 6)::int8 << 32)
                                                 | (landdb_cell20_y(h.centre_lat) >> 6)
                                   from here h)
