-- Findings of rules other than the geometry rules that involve a repaired parcel say so.
update pg_temp.qa_result r
   set repaired = true
 where r.rule_id not in ('geometry_invalid', 'geometry_empty')
   and exists (select 1 from pg_temp.qa_work w where w.id = any (r.parcel_ids) and w.repaired)
