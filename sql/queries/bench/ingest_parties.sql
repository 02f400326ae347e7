-- The owners of the documents bench/scale_ingest.py loaded (sha256 like its tag).
select distinct r.party_id
  from land_right r
  join certificate c on c.id = r.certificate_id
  join source_document d on d.id = c.document_id
 where d.sha256 like %(tag)s
