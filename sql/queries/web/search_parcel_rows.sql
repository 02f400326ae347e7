-- What a search result shows for map parcels: key, address, areas, land uses, owners, serials, QA, extent.
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
  ) x on true
 where p.id = any(%(ids)s)
