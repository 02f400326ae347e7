select cp.id, cp.certificate_id, cp.version, cp.parcel_id, cp.link_status, cp.link_measures,
       cp.link_reviewed_by, cp.link_reviewed_at, cp.link_review_note,
       coalesce(cp.commune_code, p.commune_code) as commune
  from certificate_parcel cp left join parcel p on p.id = cp.parcel_id
 where cp.id = %(id)s
