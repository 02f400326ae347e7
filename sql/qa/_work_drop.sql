drop table if exists pg_temp.qa_work
