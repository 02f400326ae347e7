select id from certificate
 where serial = %(serial)s and form = %(form)s and status <> 'superseded'
 order by id desc limit 1
