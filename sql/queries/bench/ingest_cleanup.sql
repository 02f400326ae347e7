-- The documents bench/scale_ingest.py loaded, gone again: their review tasks, certificates (with what cascades
-- from them: parcel as printed, land uses, vertices, rights, field readings) and scan references.
with d as (select id from source_document where sha256 like %(tag)s),
     c as (select id from certificate where document_id in (select id from d)),
     rt as (delete from review_task where document_id in (select id from d) or certificate_id in (select id from c)),
     ce as (delete from certificate where id in (select id from c))
delete from source_document where id in (select id from d)
