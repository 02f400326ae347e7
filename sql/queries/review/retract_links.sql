-- A retracted certificate leaves the map parcels (kept in history; current views follow the link).
update certificate_parcel
   set parcel_id = null, link_status = null, link_reviewed_by = %(actor)s, link_reviewed_at = now(),
       link_review_note = 'retracted: ' || %(reason)s, version = version + 1, updated_at = now()
 where certificate_id = %(id)s
