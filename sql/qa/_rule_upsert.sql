insert into qa_rule (id, severity, description_vi, description_en, parameters)
values (%(id)s, %(severity)s, %(description_vi)s, %(description_en)s, %(parameters)s)
on conflict (id) do update
   set severity = excluded.severity, description_vi = excluded.description_vi,
       description_en = excluded.description_en, parameters = excluded.parameters
