select path, sha256, outcome, stage, reason, pages, seconds from ingest_item
 where run_id = %(id)s and (%(outcome)s::text is null or outcome = %(outcome)s) order by id
