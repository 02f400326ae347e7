-- The district-zoom overview marks each square with the worst open QA finding among its parcels
-- (sql/queries/web/tile_overview.sql). It read every open finding of the city for each tile and placed its parcels
-- (33 ms per tile with 1,760 open findings at 100,000 parcels; it grows with the city, not with the tile). A finding
-- now carries the zoom-14 tiles of its parcels' box centres (overview_tiles: tx << 32 | ty; the tiling of
-- migration 0120), indexed for open findings, so a tile reads only the findings of its own squares; where their
-- parcels are now is still read from the parcels, so the squares are exact and the stored tiles only a filter.
-- Kept when a finding is written or its parcels change, and when a parcel's centre moves to another tile.
-- depends: 0121_search_address_texts

alter table qa_finding add column overview_tiles int8[] not null default '{}';

-- The zoom-14 tiles holding the box centres of the given parcels (no parcel, or none placed: empty).
create function landdb_overview_tiles(ids bigint[]) returns int8[]
language sql stable parallel safe as $$
    select coalesce(array_agg(distinct ((landdb_cell20_x(p.centre_lon) >> 6)::int8 << 32)
                                        | (landdb_cell20_y(p.centre_lat) >> 6)), '{}')
      from parcel p
     where p.id = any(ids) and p.centre_lon is not null
$$;

update qa_finding set overview_tiles = landdb_overview_tiles(parcel_ids) where parcel_ids <> '{}';

create function qa_finding_overview_tiles() returns trigger
language plpgsql as $$
begin
    new.overview_tiles := landdb_overview_tiles(new.parcel_ids);
    return new;
end $$;

create trigger qa_finding_overview_tiles before insert or update of parcel_ids on qa_finding
    for each row execute function qa_finding_overview_tiles();

-- A parcel whose centre moved to another zoom-14 tile: the findings on it are placed again.
create function parcel_moved_findings() returns trigger
language plpgsql as $$
begin
    update qa_finding f set overview_tiles = landdb_overview_tiles(f.parcel_ids)
     where f.parcel_ids && (select array_agg(n.id)
                              from added n join gone o on o.id = n.id
                             where (landdb_cell20_x(n.centre_lon) >> 6, landdb_cell20_y(n.centre_lat) >> 6)
                                   is distinct from
                                   (landdb_cell20_x(o.centre_lon) >> 6, landdb_cell20_y(o.centre_lat) >> 6));
    return null;
end $$;

create trigger parcel_moved_findings after update on parcel
    referencing old table as gone new table as added for each statement execute function parcel_moved_findings();

create index qa_finding_open_overview_tiles on qa_finding using gin (overview_tiles) where status = 'new';
