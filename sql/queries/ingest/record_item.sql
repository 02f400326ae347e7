insert into ingest_item (run_id, path, sha256, document_id, outcome, stage, reason, pages, seconds)
values (%(run_id)s, %(path)s, %(sha256)s, %(document_id)s, %(outcome)s, %(stage)s, %(reason)s, %(pages)s, %(seconds)s)
