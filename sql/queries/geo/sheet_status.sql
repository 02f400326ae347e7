-- Each sheet in the staged file: new, unchanged (same content hash) or changed against map_sheet.
with staged as (
    select commune_code, sheet_no, count(*) as features,
           encode(sha256(convert_to(string_agg(parcel_no || '#' || key_seq || ':' || digest, ','
                                               order by parcel_no, key_seq), 'UTF8')), 'hex') as content_sha256
    from geo_stage
    group by commune_code, sheet_no
)
select s.commune_code, s.sheet_no, s.features, s.content_sha256, m.id as sheet_id, m.version,
       case when m.id is null then 'new'
            when m.content_sha256 is not distinct from s.content_sha256 then 'unchanged'
            else 'changed' end as status
from staged s
left join map_sheet m on m.commune_code = s.commune_code and m.sheet_no = s.sheet_no
order by s.commune_code, s.sheet_no
