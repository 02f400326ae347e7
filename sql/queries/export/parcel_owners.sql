-- Personal data of exported parcels (only when a logged-in user asks for it): the holders on each parcel's
-- current certificates, with their ID numbers.
select cp.parcel_id,
       string_agg(distinct pa.name, '; ') as owners,
       string_agg(distinct coalesce(pa.id_type || ' ', '') || pa.id_number, '; ')
           filter (where pa.id_number is not null) as id_numbers
  from certificate_parcel cp
  join certificate c on c.id = cp.certificate_id and c.status not in ('superseded', 'rejected')
  join land_right r on r.certificate_id = c.id
  join party pa on pa.id = r.party_id
 where cp.parcel_id = any(%(ids)s)
 group by cp.parcel_id
