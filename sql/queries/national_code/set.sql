-- Store computed national codes (only where still empty: a concurrent assignment is never overwritten).
update parcel p
set national_code = c.code, version = p.version + 1, updated_at = now()
from unnest(%(ids)s::bigint[], %(codes)s::text[]) as c (id, code)
where p.id = c.id and p.national_code is null
