create index on pg_temp.qa_work using gist (geom);
create index on pg_temp.qa_work (id);
analyze pg_temp.qa_work
