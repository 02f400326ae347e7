insert into qa_run (rules, parameters, software_version, scope, run_by)
values (%(rules)s, %(parameters)s, %(software_version)s, %(scope)s, %(run_by)s)
returning id
