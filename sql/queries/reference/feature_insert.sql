insert into map_feature (commune_code, land_use_code, land_use_raw, name, native_srid, geom, source, source_feature,
                         attributes)
values (%(commune_code)s, %(land_use_code)s, %(land_use_raw)s, %(name)s, %(srid)s,
        st_setsrid(st_geomfromwkb(%(wkb)s), %(srid)s), %(source)s, %(source_feature)s, %(attributes)s)
