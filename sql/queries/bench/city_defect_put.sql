insert into bench_city_defect (parcel_id, kind) values (%(parcel_id)s, %(kind)s)
