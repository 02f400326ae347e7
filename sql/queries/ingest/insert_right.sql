insert into land_right (certificate_id, certificate_parcel_id, party_id, kind)
values (%(certificate_id)s, %(certificate_parcel_id)s, %(party_id)s, 'land_use')
