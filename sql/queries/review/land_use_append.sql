-- A land use a reviewer adds to the certificate's parcel, after the ones read.
insert into certificate_land_use (certificate_parcel_id, seq, code, raw_name, area_m2)
select cp.id, coalesce((select max(u.seq) from certificate_land_use u where u.certificate_parcel_id = cp.id), 0) + 1,
       %(code)s, %(raw_name)s, %(area_m2)s
  from certificate_parcel cp
 where cp.certificate_id = %(id)s
