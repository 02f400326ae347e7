-- How a whole-city QA run splits into one run per commune (flows/qa.py): the communes of the map parcels and of
-- the certificate parcels, largest first (the long ones start first), and whether the split is exact. A
-- certificate with no commune (no certificate parcel, or one whose commune was not read) is checked only by a
-- run over the whole city, so then the city runs in one piece.
select array(select c.commune_code
               from (select commune_code, count(*) as n from parcel group by commune_code
                     union all
                     select commune_code, count(*) from certificate_parcel where commune_code is not null
                      group by commune_code) c
              group by c.commune_code
              order by sum(c.n) desc, c.commune_code) as communes,
       exists (select 1
                 from certificate c
                where not exists (select 1 from certificate_parcel cp
                                   where cp.certificate_id = c.id and cp.commune_code is not null)) as uncommuned
