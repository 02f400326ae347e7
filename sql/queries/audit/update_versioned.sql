update {table}
   set {assignments}, version = version + 1, updated_at = now()
 where id = %(id)s and version = %(expected_version)s
returning version
