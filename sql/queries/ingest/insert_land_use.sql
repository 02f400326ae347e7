insert into certificate_land_use (certificate_parcel_id, seq, code, raw_name, area_m2)
values (%(certificate_parcel_id)s, %(seq)s, %(code)s, %(raw_name)s, %(area_m2)s)
