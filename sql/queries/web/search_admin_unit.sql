-- Parcels by administrative unit, former or current (address_unit, migration 0081; the names are matched in
-- landdb.addresses.units_named): a former ward finds what its printed addresses name, a current unit what they
-- resolve to. Map parcels, and certificates not on the map.
select a.parcel_id, case when a.parcel_id is null then a.certificate_parcel_id end as cert_parcel_id,
       0.8 as score,
       case when a.former_code = any (%(former)s::text[]) then 'former unit (' || a.former_name || ')'
            else 'current unit (' || a.current_name || ')' end as reason,
       a.printed as matched
  from address_unit a
  left join certificate_parcel cp on cp.id = a.certificate_parcel_id
  left join parcel p on p.id = coalesce(a.parcel_id, cp.parcel_id)
 where (a.former_code = any (%(former)s::text[]) or a.current_code = any (%(current)s::text[]))
   and (a.parcel_id is not null or cp.parcel_id is null)
   and (%(commune)s::text is null or coalesce(p.commune_code, cp.commune_code) = %(commune)s)
   and (%(xmin)s::float8 is null or p.geom_wgs84 && st_makeenvelope(%(xmin)s, %(ymin)s, %(xmax)s, %(ymax)s, 4326))
 order by a.id
 limit %(limit)s
