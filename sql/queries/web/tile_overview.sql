-- One vector tile of the public parcel layer at district zoom (z ≤ web.tiles.OVERVIEW_MAX_ZOOM): the tile cut into
-- %(cells)s::int × %(cells)s::int squares, each drawn in tile coordinates with the commonest land use of its parcels, the
-- worst open QA finding among them, and their number. The counts are read from overview_cell (migration 0120:
-- parcels per zoom-20 square and land use, kept by triggers), summed %(shift)s::int levels up to this zoom's squares;
-- no parcel is read but those of the open QA findings of the tile's squares (found by the zoom-14 tiles each finding
-- keeps, migration 0122; their squares from where their parcels are now). No parcel ids: a parcel is opened from the next zoom on.
with uses as (      -- square column from the left, square row from the top (tile coordinates run downwards)
    select (o.cx >> %(shift)s::int) - %(x)s::int * %(cells)s::int as cx, (o.cy >> %(shift)s::int) - %(y)s::int * %(cells)s::int as cy,
           o.land_use, sum(o.parcels) as n
      from overview_cell o
     where o.tx between %(tx0)s::int and %(tx1)s::int and o.ty between %(ty0)s::int and %(ty1)s::int and o.parcels > 0
     group by 1, 2, 3
), worst as (       -- the parcels of open findings, placed in their squares the way overview_cell places them
    select (k.cx >> %(shift)s::int) - %(x)s::int * %(cells)s::int as cx, (k.cy >> %(shift)s::int) - %(y)s::int * %(cells)s::int as cy,
           max(case f.severity when 'error' then 3 when 'warning' then 2 else 1 end) as worst
      from qa_finding f
      cross join lateral unnest(f.parcel_ids) as fp(parcel_id)
      join parcel p on p.id = fp.parcel_id
      cross join lateral (select landdb_cell20_x(p.centre_lon) as cx, landdb_cell20_y(p.centre_lat) as cy) k
     where f.status = 'new'
       and f.overview_tiles && %(tiles)s::int8[]    -- the tile's zoom-14 tiles as (tx << 32) | ty, listed in Python
       and (k.cx >> 6) between %(tx0)s::int and %(tx1)s::int and (k.cy >> 6) between %(ty0)s::int and %(ty1)s::int
     group by 1, 2
), cells as (      -- each square with parcels: the commonest land use (ties: the first code), all its parcels, the
    select u.cx, u.cy,  -- worst open finding; one grouping of both, no join (a prepared statement's generic plan
           (array_agg(u.land_use order by u.n desc, u.land_use) filter (where u.n is not null))[1] as land_use,
           sum(u.n) as parcels, max(u.worst) as worst     -- knows no tile's size: a join's method could go wrong)
      from (select cx, cy, land_use, n, null::int as worst from uses
            union all
            select cx, cy, null, null, worst from worst) u
     group by u.cx, u.cy
    having sum(u.n) > 0
), mvt as (     -- a square, clockwise on the screen as MVT wants its outer rings
    select c.land_use, c.parcels,
           case c.worst when 3 then 'error' when 2 then 'warning' when 1 then 'info' else 'ok' end as qa,
           st_makepolygon(st_makeline(array[
               st_point(c.cx * %(side)s::int, c.cy * %(side)s::int), st_point((c.cx + 1) * %(side)s::int, c.cy * %(side)s::int),
               st_point((c.cx + 1) * %(side)s::int, (c.cy + 1) * %(side)s::int), st_point(c.cx * %(side)s::int, (c.cy + 1) * %(side)s::int),
               st_point(c.cx * %(side)s::int, c.cy * %(side)s::int)])) as geom
      from cells c
     order by c.cx, c.cy
)
select st_asmvt(mvt.*, 'parcels', 4096, 'geom') as tile from mvt
