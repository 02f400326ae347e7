-- The finished build of this database, if any (bench/city.py reuses it).
select parcels, communes, seed, seconds, counts from bench_city order by built_at desc limit 1
