select set_config('landdb.actor', %s, true)
