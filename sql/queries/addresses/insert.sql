-- One address's resolution; nothing when a reviewer's decision on the same printed address is kept (addresses/clear).
insert into address_unit (parcel_id, certificate_parcel_id, printed, former_code, former_name, current_code,
                          current_name, status, reason)
values (%(parcel_id)s, %(certificate_parcel_id)s, %(printed)s, %(former_code)s, %(former_name)s, %(current_code)s,
        %(current_name)s, %(status)s, %(reason)s)
on conflict do nothing
returning id
