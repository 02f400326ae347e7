select postgis_full_version()
