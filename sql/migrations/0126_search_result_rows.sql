-- What a search result shows, written once as two views: a map parcel's row (key, address, areas, land uses,
-- owners, serials, open findings, extent) and a row for a certificate whose parcel is not on the map. The result
-- rows of any search (sql/queries/web/search_parcel_rows.sql, search_certificate_rows.sql) select from them by id;
-- the parcel key's statement (search_key.sql) joins them, so a key search is one statement, prepared with a
-- generic plan by the app (docs/search.md, "Session 7"). Both views are plain selects: PostgreSQL flattens them into
-- the statement that reads them, and a filter on parcel_id / cert_parcel_id reaches the table's primary key.
-- depends: 0125_search_owner_name_words

create view web_search_parcel_row as
select p.id as parcel_id, null::bigint as cert_parcel_id, p.commune_code, p.sheet_no, p.parcel_no,
       coalesce(x.address, p.address) as address, p.declared_area_m2 as area_m2,
       round(p.geom_area_m2::numeric, 2) as map_area_m2,
       coalesce(x.land_uses, array_remove(array[p.land_use_code], null)) as land_uses,
       coalesce(x.owners, '{}') as owners, coalesce(x.serials, '{}') as certificate_serials,
       p.national_code,
       (select count(*) from qa_finding f where f.parcel_ids @> array[p.id] and f.status = 'new') as open_findings,
       array[st_xmin(p.geom_wgs84), st_ymin(p.geom_wgs84), st_xmax(p.geom_wgs84), st_ymax(p.geom_wgs84)] as bbox
  from parcel p
  left join lateral (
      select (array_agg(cp.address order by c.issue_date desc nulls last))[1] as address,
             array_agg(distinct lu.code) filter (where lu.code is not null) as land_uses,
             array_agg(distinct pa.name) filter (where pa.name is not null) as owners,
             array_agg(distinct c.serial) filter (where c.serial is not null) as serials
        from certificate_parcel cp
        join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
        left join certificate_land_use lu on lu.certificate_parcel_id = cp.id
        left join land_right r on r.certificate_id = c.id
        left join party pa on pa.id = r.party_id
       where cp.parcel_id = p.id
  ) x on true;

create view web_search_certificate_row as
select null::bigint as parcel_id, cp.id as cert_parcel_id, cp.commune_code, cp.sheet_no, cp.parcel_no,
       cp.address, cp.area_m2, null::numeric as map_area_m2,
       coalesce((select array_agg(distinct lu.code) from certificate_land_use lu
                  where lu.certificate_parcel_id = cp.id), '{}') as land_uses,
       coalesce((select array_agg(distinct pa.name) from land_right r join party pa on pa.id = r.party_id
                  where r.certificate_id = c.id), '{}') as owners,
       array_remove(array[c.serial], null) as certificate_serials, null::text as national_code,
       0::bigint as open_findings, null::float8[] as bbox
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id;
