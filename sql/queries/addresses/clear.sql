-- Forget the earlier resolutions of the addresses about to be resolved again.
delete from address_unit
 where parcel_id = any (%(parcel_ids)s::bigint[]) or certificate_parcel_id = any (%(cert_parcel_ids)s::bigint[])
