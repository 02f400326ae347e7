-- Ids past every id of the tables bench/scale_ingest.py COPYs into with explicit ids.
select greatest((select coalesce(max(id), 0) from certificate), (select coalesce(max(id), 0) from source_document),
                (select coalesce(max(id), 0) from certificate_parcel)) + 1000 as certificate,
       (select coalesce(max(id), 0) from party) + 1000 as party
