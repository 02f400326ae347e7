-- The communes of the synthetic city and their parcels, largest first.
select commune_code, count(*) as parcels from parcel group by commune_code order by count(*) desc, commune_code
