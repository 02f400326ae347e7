-- One QA finding as the review screen shows it: the rule, the measure against its threshold, its geometry.
select f.id, f.rule_id, f.severity, f.status, f.version, f.message, f.measure, f.threshold, f.unit,
       f.parcel_keys, f.parcel_ids, f.certificate_id, f.commune_code, f.status_reason, f.status_by, f.status_at,
       f.details, q.description_vi, q.description_en, c.document_id, c.serial,
       st_asgeojson(st_transform(f.geom, 4326), 7)::jsonb as geometry,
       (select array[st_xmin(b), st_ymin(b), st_xmax(b), st_ymax(b)]
          from (select st_extent(g)::box2d as b
                  from (select st_transform(f.geom, 4326) as g union all
                        select p.geom_wgs84 from parcel p where p.id = any(f.parcel_ids)) u) e) as bbox
  from qa_finding f
  join qa_rule q on q.id = f.rule_id
  left join certificate c on c.id = f.certificate_id
 where f.id = %(id)s
