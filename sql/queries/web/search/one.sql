-- A whole search in one statement (web/search.py fills it): `exact` is the union of the statements of what the
-- text could be (web/search/reading.sql around each), `fuzzy` the typo-tolerant passes, which run only when no
-- exact reading found anything (an uncorrelated NOT EXISTS: a one-time filter, the passes are not even started
-- otherwise). The hits are then merged per parcel (or per certificate not on the map): its best score, its
-- matches each (reason, matched) once, best first; the parcels ranked by best score, ties in the order found;
-- the first %(results)s of them with what a result shows (web/search_parcel_rows, web/search_certificate_rows).
-- One round trip per search instead of one per reading plus two for the rows.
with exact as (
{exact}
), fuzzy as (
    select f.* from (
{fuzzy}
    ) f
     where not exists (select from exact)
), found as (      -- the order found: reading by reading, each statement's rows in its own order
    select row_number() over () as ord, h.parcel_id is not null as on_map,
           coalesce(h.parcel_id, h.cert_parcel_id) as id, round(h.score::numeric, 3)::float8 as score,
           h.reason, h.matched
      from (select * from exact union all select * from fuzzy) h
), matches as (    -- a reason and text matched once per parcel: the first time found
    select distinct on (on_map, id, reason, matched) * from found order by on_map, id, reason, matched, ord
), top as (
    select b.on_map, b.id, b.score, b.first, m.matches
      from (select on_map, id, max(score) as score, min(ord) as first from found group by on_map, id
             order by score desc, first limit %(results)s) b
      cross join lateral (
          select json_agg(json_build_object('reason', m.reason, 'matched', m.matched, 'score', m.score)
                          order by m.score desc, m.ord) as matches
            from matches m where m.on_map = b.on_map and m.id = b.id) m
), details as (
{parcel_rows}
    union all
{certificate_rows}
)
select d.*, t.score, t.matches
  from top t
  join details d on coalesce(d.parcel_id, d.cert_parcel_id) = t.id and (d.parcel_id is not null) = t.on_map
 order by t.score desc, t.first
