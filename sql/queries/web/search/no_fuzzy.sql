-- No typo-tolerant pass for this text (web/search/one.sql): no rows, typed as a reading's.
select null::bigint as parcel_id, null::bigint as cert_parcel_id, null::float8 as score, null::text as reason,
       null::text as matched
 where false
