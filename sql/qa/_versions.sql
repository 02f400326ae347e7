select postgis_lib_version() as postgis, postgis_geos_version() as geos
