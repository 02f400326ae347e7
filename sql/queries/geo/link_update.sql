-- Store the link results of many certificate parcels at once (audited as updates). A link a reviewer decided
-- (link_reviewed_at) is a person's decision and is left alone.
update certificate_parcel cp
set parcel_id = u.parcel_id, link_status = u.status, link_measures = u.measures,
    version = cp.version + 1, updated_at = now()
from unnest(%(ids)s::bigint[], %(parcel_ids)s::bigint[], %(statuses)s::text[], %(measures)s::jsonb[])
     as u (id, parcel_id, status, measures)
where cp.id = u.id
  and cp.link_reviewed_at is null
  and (cp.parcel_id, cp.link_status, cp.link_measures) is distinct from (u.parcel_id, u.status, u.measures)
