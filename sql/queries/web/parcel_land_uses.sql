select lu.certificate_parcel_id, lu.seq, lu.code, lu.raw_name, lu.area_m2
  from certificate_land_use lu
 where lu.certificate_parcel_id = any(%(ids)s)
 order by lu.certificate_parcel_id, lu.seq
