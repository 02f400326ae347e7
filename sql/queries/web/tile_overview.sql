-- One vector tile of the public parcel layer at district zoom (z ≤ web.tiles.OVERVIEW_MAX_ZOOM): the parcels are
-- counted into %(cells)s × %(cells)s cells of the tile by the centre of their box (parcel_centre, migration 0102:
-- an index-only scan, no geometry read), and each cell drawn as a square in tile coordinates with the commonest
-- land use of its parcels, the worst open QA finding among them, and their number. No parcel ids: a parcel is
-- opened from the next zoom on.
with b as (
    select st_xmin(env) as x0, st_ymax(env) as y1, st_xmax(env) as x1, st_ymin(env) as y0,
           (st_xmax(env) - st_xmin(env)) / %(cells)s as dx, (st_ymax(env) - st_ymin(env)) / %(cells)s as dy,
           4096 / %(cells)s as side
      from (select st_transform(st_tileenvelope(%(z)s, %(x)s, %(y)s), 4326) as env) t
), inside as (      -- cell column from the left, cell row from the top (tile coordinates run downwards)
    select p.id, coalesce(p.land_use_code, '') as land_use, floor((p.centre_lon - b.x0) / b.dx)::int as cx,
           floor((b.y1 - p.centre_lat) / b.dy)::int as cy
      from b
      join parcel p on p.centre_lat > b.y0 and p.centre_lat <= b.y1 and p.centre_lon >= b.x0 and p.centre_lon < b.x1
), qa as (
    select fp.parcel_id,
           max(case f.severity when 'error' then 3 when 'warning' then 2 else 1 end) as worst
      from qa_finding f
      cross join lateral unnest(f.parcel_ids) as fp(parcel_id)
     where f.status = 'new'
     group by fp.parcel_id
), uses as (
    select cx, cy, land_use, count(*) as n from inside group by 1, 2, 3
), cells as (
    select cx, cy, sum(n) over (partition by cx, cy) as parcels,
           row_number() over (partition by cx, cy order by n desc, land_use) as rank, land_use
      from uses
), worst as (
    select i.cx, i.cy, max(qa.worst) as worst from inside i join qa on qa.parcel_id = i.id group by 1, 2
), mvt as (     -- a square, clockwise on the screen as MVT wants its outer rings
    select c.land_use, c.parcels,
           case w.worst when 3 then 'error' when 2 then 'warning' when 1 then 'info' else 'ok' end as qa,
           st_makepolygon(st_makeline(array[
               st_point(c.cx * b.side, c.cy * b.side), st_point((c.cx + 1) * b.side, c.cy * b.side),
               st_point((c.cx + 1) * b.side, (c.cy + 1) * b.side), st_point(c.cx * b.side, (c.cy + 1) * b.side),
               st_point(c.cx * b.side, c.cy * b.side)])) as geom
      from cells c
      cross join b
      left join worst w on w.cx = c.cx and w.cy = c.cy
     where c.rank = 1
)
select st_asmvt(mvt.*, 'parcels', 4096, 'geom') as tile from mvt
