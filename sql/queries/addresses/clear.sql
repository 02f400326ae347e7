-- Forget the earlier resolutions of the addresses about to be resolved again, except a reviewer's decision on an
-- address still printed the same way (it stays; one whose printed address changed goes, audited).
delete from address_unit a
 where (a.parcel_id = any (%(parcel_ids)s::bigint[]) or a.certificate_parcel_id = any (%(cert_parcel_ids)s::bigint[]))
   and (a.reviewed_at is null
        or a.printed is distinct from coalesce((select p.address from parcel p where p.id = a.parcel_id),
                                               (select cp.address from certificate_parcel cp
                                                 where cp.id = a.certificate_parcel_id)))
