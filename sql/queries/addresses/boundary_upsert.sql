-- A current unit's boundary (WGS 84), replacing an older one.
insert into admin_unit_boundary (code, name, geom, source)
values (%(code)s, %(name)s, st_multi(st_setsrid(st_geomfromwkb(%(wkb)s), 4326)), %(source)s)
on conflict (code) do update set name = excluded.name, geom = excluded.geom, source = excluded.source
