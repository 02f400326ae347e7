-- Certificate checks from this address within the window (seconds).
select count(*) as n from verify_request where address = %(address)s and at > now() - make_interval(secs => %(window)s)
