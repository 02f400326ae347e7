-- Versions of the parcel and of what hangs on it: the audit log of the parcel row and of its certificates,
-- their parcels and rights, and the map-sheet versions that added, changed or removed this parcel number.
select a.at, a.actor, a.action, a.table_name, a.row_id,
       coalesce(a.after ->> 'version', a.before ->> 'version') as version,
       (select jsonb_object_agg(k, a.after -> k) from jsonb_object_keys(coalesce(a.after, '{}')) k
         where a.action = 'update' and a.before -> k is distinct from a.after -> k
           and k not in ('version', 'updated_at')) as changed
  from audit_log a
 where (a.table_name = 'parcel' and a.row_id = %(id)s)
    or (a.table_name = 'certificate' and a.row_id = any(%(certificate_ids)s))
    or (a.table_name = 'certificate_parcel' and a.row_id = any(%(certificate_parcel_ids)s))
union all
select sc.created_at, mi.imported_by, 'map sheet v' || sc.to_version, 'map_sheet', ms.id, sc.to_version::text,
       jsonb_build_object('added', %(parcel_no)s = any(sc.added), 'changed', %(parcel_no)s = any(sc.changed),
                          'removed', %(parcel_no)s = any(sc.removed), 'file', mi.path)
  from map_sheet_change sc
  join map_sheet ms on ms.id = sc.map_sheet_id
  join map_import mi on mi.id = sc.map_import_id
 where ms.commune_code = %(commune_code)s and ms.sheet_no = %(sheet_no)s
   and (%(parcel_no)s = any(sc.added) or %(parcel_no)s = any(sc.changed) or %(parcel_no)s = any(sc.removed))
 order by 1
