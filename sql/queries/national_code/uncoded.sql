-- Parcels with a geometry and no national code yet: all of them, or those of the given (commune, sheet) pairs
-- (sheets null: whole communes).
select p.id, p.native_srid, st_asbinary(p.geom) as wkb
from parcel p
where p.national_code is null and p.geom is not null and not st_isempty(p.geom)
  and (%(communes)s::text[] is null
       or (%(sheets)s::text[] is null and p.commune_code = any (%(communes)s::text[]))
       or exists (select 1 from unnest(%(communes)s::text[], %(sheets)s::text[]) as c (commune_code, sheet_no)
                  where c.commune_code = p.commune_code and c.sheet_no = p.sheet_no))
order by p.id
