-- The open findings on a street tile's parcels from zoom web.tiles.FINDINGS_BY_IDS_ZOOM on (a few hundred parcels):
-- by their ids (GIN qa_finding_parcel_ids). A part of web/tile.sql (its `here` CTE: the tile's parcels).
select f.parcel_ids, f.severity
  from qa_finding f
 where f.status = 'new'
   and f.parcel_ids && array(select id from here)
