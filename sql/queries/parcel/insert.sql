insert into parcel (commune_code, sheet_no, parcel_no, native_srid, geom, declared_area_m2, address,
                    land_use_raw, land_use_code)
values (%(commune_code)s, %(sheet_no)s, %(parcel_no)s, %(srid)s,
        st_setsrid(st_geomfromwkb(%(wkb)s), %(srid)s), %(declared_area_m2)s, %(address)s,
        %(land_use_raw)s, %(land_use_code)s)
returning id, version
