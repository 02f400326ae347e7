copy {table} (id, commune_code, sheet_no, parcel_no, native_srid, declared_area_m2, land_use_raw, source_feature, wkb)
from stdin
