select count(*) as n from pg_temp.qa_work
