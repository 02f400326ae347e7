-- The parcel as printed. Its boundary carries the zone decided for the document; without one (null
-- srid) it is kept with SRID 0 — unknown CRS, never compared with a map — for a reviewer to place.
insert into certificate_parcel (id, certificate_id, commune_code, sheet_no, parcel_no, address, area_m2,
                                area_words, use_form, term, origin, native_srid, geom)
values (%(id)s, %(certificate_id)s, %(commune_code)s, %(sheet_no)s, %(parcel_no)s, %(address)s, %(area_m2)s,
        %(area_words)s, %(use_form)s, %(term)s, %(origin)s, %(srid)s,
        case when %(wkb)s::bytea is null then null
             else st_setsrid(st_geomfromwkb(%(wkb)s::bytea), coalesce(%(srid)s::int, 0)) end)
