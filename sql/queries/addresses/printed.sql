-- Every printed address to relate to today's units: map parcels and the parcels of current certificates, of one
-- (former) commune or all.
select p.id as parcel_id, null::bigint as certificate_parcel_id, p.address as printed
  from parcel p
 where p.address is not null and (%(commune)s::text is null or p.commune_code = %(commune)s)
union all
select null, cp.id, cp.address
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
  left join parcel p on p.id = cp.parcel_id
 where cp.address is not null
   and (%(commune)s::text is null or coalesce(cp.commune_code, p.commune_code) = %(commune)s)
