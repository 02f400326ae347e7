-- Failed log-ins within the window, for this user name and for this address (since their last success).
select
    (select count(*) from login_attempt a
      where a.username = %(username)s and not a.ok and a.at > now() - make_interval(secs => %(window)s)
        and a.at > coalesce((select max(b.at) from login_attempt b
                              where b.username = %(username)s and b.ok), '-infinity')) as by_user,
    (select count(*) from login_attempt a
      where a.address = %(address)s and not a.ok and a.at > now() - make_interval(secs => %(window)s)) as by_address
