-- Certificates by serial (số phát hành, `BR 089146` = `BR089146`) or register number (số vào sổ): folded,
-- spaces removed, through certificate_serial_folded / certificate_register_folded (0041_web_search).
with hit as materialized (
    select c.id, c.serial, c.register_no,
           replace(landdb_fold(c.serial), ' ', '') = replace(landdb_fold(%(q)s), ' ', '') as by_serial
      from certificate c
     where replace(landdb_fold(c.serial), ' ', '') = replace(landdb_fold(%(q)s), ' ', '')
        or replace(landdb_fold(c.register_no), ' ', '') = replace(landdb_fold(%(q)s), ' ', '')
)
select cp.parcel_id, case when cp.parcel_id is null then cp.id end as cert_parcel_id, 2.0::float8 as score,
       case when hit.by_serial then 'certificate serial' else 'register number' end as reason,
       case when hit.by_serial then hit.serial else hit.register_no end as matched
  from hit
  join certificate c on c.id = hit.id and c.status not in ('superseded', 'rejected')
  join certificate_parcel cp on cp.certificate_id = hit.id
  left join parcel p on p.id = cp.parcel_id
 where (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
   and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
