update certificate_land_use u
   set code = %(code)s, raw_name = %(name)s, area_m2 = %(area_m2)s
  from certificate_parcel cp
 where cp.certificate_id = %(id)s and u.certificate_parcel_id = cp.id and u.seq = %(seq)s
