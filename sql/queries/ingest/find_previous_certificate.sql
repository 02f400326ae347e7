select id from certificate
 where serial = %(serial)s and form = %(form)s and status not in ('superseded', 'rejected')
 order by id desc limit 1
