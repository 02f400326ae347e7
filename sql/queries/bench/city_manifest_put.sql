insert into bench_city (parcels, communes, seed, seconds, counts)
values (%(parcels)s, %(communes)s, %(seed)s, %(seconds)s, %(counts)s)
