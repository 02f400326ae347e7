-- Findings for a report, with what a small map per finding needs: the finding's shape and the parcels
-- it names and their neighbours in the box (same commune and zone, at most 40), in SVG path syntax (y flipped
-- by ST_AsSVG), and the box around the finding and the parcels it names.
select f.id, f.rule_id, f.severity, f.status, f.status_reason, f.status_by, f.status_at, f.parcel_keys,
       f.commune_code, f.measure, f.threshold, f.unit, f.message, f.repaired, f.run_id, f.last_seen_run_id,
       f.version, st_srid(f.geom) as srid, st_asbinary(f.geom) as wkb, st_astext(f.geom) as wkt,
       geometrytype(f.geom) as geom_type,
       case when geometrytype(f.geom) in ('POINT', 'MULTIPOINT') then null else st_assvg(f.geom, 0, 3) end as svg_path,
       st_x(st_pointonsurface(f.geom)) as px, -st_y(st_pointonsurface(f.geom)) as py,
       ctx.paths as context_paths, nb.paths as neighbour_paths,
       st_xmin(b.box) as bx, -st_ymax(b.box) as by, st_xmax(b.box) - st_xmin(b.box) as bw,
       st_ymax(b.box) - st_ymin(b.box) as bh
  from qa_finding f
  left join lateral (
        select string_agg(st_assvg(p.geom, 0, 3), ' ') as paths, st_collect(p.geom) as g
          from parcel p
         where p.id = any (f.parcel_ids) and p.geom is not null and st_srid(p.geom) = st_srid(f.geom)) as ctx on true
 cross join lateral (
       select st_expand(e, greatest(st_xmax(e) - st_xmin(e), st_ymax(e) - st_ymin(e), 1) * 0.1) as box
         from (select st_envelope(st_collect(f.geom, ctx.g)) as e) as env) as b
  left join lateral (
        select string_agg(st_assvg(n.geom, 0, 3), ' ') as paths
          from (select p.geom from parcel p
                 where p.commune_code = f.commune_code and not (p.id = any (f.parcel_ids))
                   and case when st_srid(p.geom) = st_srid(b.box) then p.geom && b.box else false end
                 limit 40) as n) as nb on true
 where (%(commune)s::text is null or f.commune_code = %(commune)s)
   and (%(rules)s::text[] is null or f.rule_id = any (%(rules)s::text[]))
   and (%(include_closed)s or f.status not in ('fixed', 'verified'))
 order by f.rule_id, f.commune_code, f.parcel_keys, f.id
