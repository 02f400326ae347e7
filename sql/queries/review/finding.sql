-- One QA finding as the review screen shows it: the rule, the measure against its threshold, its geometry
-- (a finding stored without SRID is in the zone of its first parcel).
select f.id, f.rule_id, f.severity, f.status, f.version, f.message, f.measure, f.threshold, f.unit,
       f.parcel_keys, f.parcel_ids, f.certificate_id, f.commune_code, f.status_reason, f.status_by, f.status_at,
       f.details, q.description_vi, q.description_en, c.document_id, c.serial,
       st_asgeojson(g.wgs84, 7)::jsonb as geometry,
       (select array[st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)]
          from (select st_extent(u.g)::box2d as b
                  from (select g.wgs84 as g union all
                        select p.geom_wgs84 from parcel p where p.id = any(f.parcel_ids)) u) e) as bbox
  from qa_finding f
  join qa_rule q on q.id = f.rule_id
  left join certificate c on c.id = f.certificate_id
  cross join lateral (
      select case when f.geom is null or st_isempty(f.geom) then null
                  when st_srid(f.geom) <> 0 then st_transform(f.geom, 4326)
                  else st_transform(st_setsrid(f.geom, (select p.native_srid from parcel p
                                                          where p.id = f.parcel_ids[1])), 4326) end as wgs84) g
 where f.id = %(id)s
