update certificate set status = 'superseded', version = version + 1, updated_at = now() where id = %(id)s
