-- The codes a parcel had before its geometry changed, newest first.
select national_code, retired_at, st_asbinary(old_geom) as old_wkb
from parcel_national_code_history
where parcel_id = %(parcel_id)s
order by id desc
