drop table if exists pg_temp.geo_stage
