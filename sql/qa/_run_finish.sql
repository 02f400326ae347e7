update qa_run set finished_at = clock_timestamp() where id = %(run_id)s
