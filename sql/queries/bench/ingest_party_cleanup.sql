-- Owners bench/scale_ingest.py added that no right refers to any more.
delete from party p
 where p.id = any(%(ids)s::bigint[]) and not exists (select 1 from land_right r where r.party_id = p.id)
