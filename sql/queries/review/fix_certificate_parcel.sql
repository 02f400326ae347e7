-- The parcel as printed after a correction (area, key, address … and the polygon of the vertex table).
update certificate_parcel
   set sheet_no = %(sheet_no)s, parcel_no = %(parcel_no)s, address = %(address)s, area_m2 = %(area_m2)s,
       area_words = %(area_words)s, use_form = %(use_form)s, term = %(term)s, origin = %(origin)s,
       geom = case when %(wkb)s::bytea is null then null
                   else st_setsrid(st_geomfromwkb(%(wkb)s::bytea), native_srid) end,
       version = version + 1, updated_at = now()
 where certificate_id = %(id)s
