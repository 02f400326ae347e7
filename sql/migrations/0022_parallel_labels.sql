-- Functions with an EXCEPTION block start a subtransaction, which PostgreSQL refuses anywhere in a query that
-- runs in parallel mode (workers and leader alike: "cannot start subtransactions during a parallel
-- operation"). They were labelled parallel safe, and QA died as soon as the planner chose a parallel plan on a
-- large table. Unsafe is the honest label: a query calling them is planned without parallel workers.
-- depends: 0021_qa_repair
alter function qa_repair(geometry) parallel unsafe;
alter function qa_geom_or_null(bytea, integer) parallel unsafe;
alter function qa_wkb_error(bytea) parallel unsafe;
