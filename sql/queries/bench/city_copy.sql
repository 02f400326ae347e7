-- One table of the synthetic city, bulk-loaded (bench/city.py).
copy {table} ({columns}) from stdin
