-- The certificates printed for this parcel (linked to it), newest first, with their document and link.
select c.id, c.form, c.serial, c.register_no, c.issue_date, c.issuer, c.status, c.supersedes_id, c.version,
       c.document_id, d.pages, d.path as document_path, d.sha256, d.media_type,
       cp.id as certificate_parcel_id, cp.sheet_no, cp.parcel_no, cp.address, cp.area_m2, cp.area_words,
       cp.use_form, cp.term, cp.origin, cp.link_status, cp.link_measures,
       st_asgeojson(st_transform(cp.geom, 4326), 7)::jsonb as geometry
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id
  join source_document d on d.id = c.document_id
 where cp.parcel_id = %(id)s
 order by c.issue_date desc nulls last, c.id desc
