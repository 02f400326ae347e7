drop table if exists pg_temp.qa_result;
create temp table qa_result (
    id            serial primary key,
    rule_id       text not null,
    parcel_ids    bigint[] not null,
    parcel_keys   text[] not null,
    commune_code  text,
    measure       double precision,
    threshold     double precision,
    unit          text,
    details       jsonb not null,
    geom          geometry,
    spot          text,
    repaired      boolean not null default false,
    message       text,
    fingerprint   text
)
