-- Parcels (commune, sheet, parcel as on the certificate) claimed by more than one current certificate: domain.md
-- §8's "same sheet + parcel with two certificate sets", a conflict to resolve, never to merge.
select coalesce(cp.commune_code, p.commune_code) as commune_code, cp.sheet_no, cp.parcel_no,
       array_agg(distinct coalesce(c.serial, 'certificate ' || c.id) order by coalesce(c.serial, 'certificate ' || c.id))
           as certificates
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
  left join parcel p on p.id = cp.parcel_id
 where (%(commune)s::text is null or coalesce(cp.commune_code, p.commune_code) = %(commune)s)
   and cp.sheet_no is not null and cp.parcel_no is not null
 group by 1, 2, 3
having count(distinct c.id) > 1
