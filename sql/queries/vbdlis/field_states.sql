-- The review state of every field of the given certificates that the OCR flagged, a reviewer rejected or a review
-- task names: `open` (still to review), `rejected` (unusable: never exported), or `cleared`.
with tasks as (
    select distinct on (t.certificate_id, t.field) t.certificate_id, t.field, t.status, t.reason
      from review_task t
     where t.kind = 'field' and t.certificate_id = any (%(ids)s::bigint[])
     order by t.certificate_id, t.field, t.id desc
), fields as (
    select f.certificate_id, f.field, f.flagged, f.unusable, f.flag_reason
      from extracted_field f
     where f.certificate_id = any (%(ids)s::bigint[]) and (f.flagged or f.unusable)
)
select coalesce(f.certificate_id, t.certificate_id) as certificate_id, coalesce(f.field, t.field) as field,
       case when coalesce(f.unusable, false) or t.status = 'rejected' then 'rejected'
            when t.status in ('accepted', 'fixed') then 'cleared'
            else 'open' end as state,
       coalesce(t.reason, f.flag_reason) as reason
  from fields f
  full join tasks t on t.certificate_id = f.certificate_id and t.field = f.field
