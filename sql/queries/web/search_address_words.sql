-- Addresses holding every word typed (`25 pham van chieu`, `hem 294`), the map's and the certificate's: GIN
-- indexes parcel_address_words and certificate_parcel_address_words. The candidates only (the first few of a
-- common street unless a filter may drop some): web/address_ranking scores and filters them.
with q as (
    select landdb_fold(%(q)s) as fq, plainto_tsquery('simple'::regconfig, landdb_fold(%(q)s)) as tsq
), map_hits as (
    select p.id from parcel p, q
     where to_tsvector('simple'::regconfig, landdb_fold(p.address)) @@ q.tsq
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
), certificate_hits as (
    select cp.id from certificate_parcel cp, q
     where to_tsvector('simple'::regconfig, landdb_fold(cp.address)) @@ q.tsq
     limit case when %(commune)s::text is null and %(xmin)s::float8 is null then %(limit)s end
)
