-- The synthetic city's own record (bench/city.py): what was built, and every planted defect by parcel.
create table if not exists bench_city (
    parcels    integer not null,
    communes   integer not null,
    seed       integer not null,
    seconds    double precision not null,
    counts     jsonb not null,
    built_at   timestamptz not null default now()
);
create table if not exists bench_city_defect (
    parcel_id  bigint not null,
    kind       text not null
)
