copy geo_stage (fid, commune_code, sheet_no, parcel_no, key_seq, declared_area_m2, legal_area_m2, address,
                land_use_raw, land_use_code, attributes, wkb, is_valid, digest)
from stdin (format binary)
