select version from {table} where id = %(id)s
