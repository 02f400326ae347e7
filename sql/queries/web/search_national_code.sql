-- Parcels by national parcel code (domain.md §4; index parcel_national_code): the current code first, then a code
-- the parcel had before its geometry changed (parcel_national_code_history, migration 0080).
select p.id as parcel_id, null::bigint as cert_parcel_id, 2.0 as score, 'national parcel code' as reason,
       p.national_code as matched
  from parcel p
 where p.national_code = %(code)s
   and (%(commune)s::text is null or p.commune_code = %(commune)s)
union all
select p.id, null, 1.2, 'former national parcel code', h.national_code
  from parcel_national_code_history h
  join parcel p on p.id = h.parcel_id
 where h.national_code = %(code)s
   and (%(commune)s::text is null or p.commune_code = %(commune)s)
