insert into ingest_run (run_by, scans_dir, arguments, task_runner, retry_of, software_version, host, pid,
                        commune_code)
values (%(run_by)s, %(scans_dir)s, %(arguments)s, %(task_runner)s, %(retry_of)s, %(software_version)s, %(host)s,
        %(pid)s, %(commune_code)s)
returning id
