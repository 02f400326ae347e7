-- Parcels with this national code now, or that had it before a geometry change (then `current` is false).
select p.id, p.commune_code, p.sheet_no, p.parcel_no, p.national_code, true as current
from parcel p where p.national_code = %(code)s
union all
select p.id, p.commune_code, p.sheet_no, p.parcel_no, p.national_code, false
from parcel_national_code_history h join parcel p on p.id = h.parcel_id
where h.national_code = %(code)s
order by current desc, id
