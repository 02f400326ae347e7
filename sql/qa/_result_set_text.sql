update pg_temp.qa_result set message = %(message)s, fingerprint = %(fingerprint)s where id = %(id)s
