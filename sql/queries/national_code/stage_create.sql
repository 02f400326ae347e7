-- The codes of the features a map import staged (geo_stage), keyed by their exact geometry as it will be stored;
-- read by the parcel_national_code trigger (migration 0080), dropped with the import's transaction.
drop table if exists pg_temp.national_code_stage;
create temp table national_code_stage (geom_key text primary key, code text not null) on commit drop
