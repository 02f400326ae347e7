-- One reading of the text inside web/search/one.sql: its statement's hits, typed alike for the union.
select s.parcel_id::bigint, s.cert_parcel_id::bigint, s.score::float8 as score, s.reason::text, s.matched::text
  from (
{statement}
  ) s
