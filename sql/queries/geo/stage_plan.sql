-- For each sheet in the staged file: what importing it would change, compared with the parcels the
-- database holds NOW (not with an earlier file): features to insert, map parcels to update (other
-- content, or another SRID: a CRS correction), map parcels of the sheet that the file lacks, and
-- parcels with the same key that did not come from a map import (never touched).
with staged as (
    select commune_code, sheet_no, count(*) as features
    from geo_stage
    group by commune_code, sheet_no
),
current as (
    select p.commune_code, p.sheet_no, p.parcel_no, p.key_seq, p.source_digest, p.native_srid, p.map_import_id
    from parcel p
    join staged s on s.commune_code = p.commune_code and s.sheet_no = p.sheet_no
),
pairs as (
    select coalesce(g.commune_code, c.commune_code) as commune_code, coalesce(g.sheet_no, c.sheet_no) as sheet_no,
           g.parcel_no is not null as in_file, c.parcel_no is not null as in_db, c.map_import_id is not null as mapped,
           g.digest is distinct from c.source_digest or c.native_srid is distinct from %(srid)s as differs
    from geo_stage g
    full join current c on c.commune_code = g.commune_code and c.sheet_no = g.sheet_no
                       and c.parcel_no = g.parcel_no and c.key_seq = g.key_seq
)
select s.commune_code, s.sheet_no, s.features, m.id as sheet_id, m.version, m.map_import_id as sheet_import_id,
       count(*) filter (where p.in_file and not p.in_db) as to_insert,
       count(*) filter (where p.in_file and p.in_db and p.mapped and p.differs) as to_update,
       count(*) filter (where p.in_db and not p.in_file and p.mapped) as absent,
       count(*) filter (where p.in_file and p.in_db and not p.mapped) as not_from_map
from staged s
join pairs p on p.commune_code = s.commune_code and p.sheet_no = s.sheet_no
left join map_sheet m on m.commune_code = s.commune_code and m.sheet_no = s.sheet_no
group by s.commune_code, s.sheet_no, s.features, m.id, m.version, m.map_import_id
order by s.commune_code, s.sheet_no
