-- Which database this is, the same answer from every machine that reaches it: the cluster's system
-- identifier and the database's OID (flows/dask_workers.py compares the flow's with each Dask worker's).
select system_identifier::text as cluster, (select oid from pg_database where datname = current_database()) as oid,
       current_database() as name
  from pg_control_system()
