-- The content hash of each sheet an import changed, as the database now holds it (its map parcels' feature digests
-- and SRID), in one statement: one query per sheet cost 2.5 s for 38 sheets of the 2.5M city (docs/scale.md).
select s.commune_code, s.sheet_no,
       encode(sha256(convert_to(coalesce(
           (select string_agg(p.parcel_no || '#' || p.key_seq || ':' || p.source_digest || '@' || p.native_srid, ','
                              order by p.parcel_no, p.key_seq)
              from parcel p
             where p.commune_code = s.commune_code and p.sheet_no = s.sheet_no and p.map_import_id is not null),
           ''), 'UTF8')), 'hex') as content_sha256
  from unnest(%(communes)s::text[], %(sheets)s::text[]) as s(commune_code, sheet_no)
