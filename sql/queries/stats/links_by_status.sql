select coalesce(link_status, 'not_linked') as link_status, count(*) as n
  from certificate_parcel group by 1 order by 1
