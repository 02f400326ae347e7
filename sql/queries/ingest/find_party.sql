select id from party where id_type = %(id_type)s and id_number = %(id_number)s and name = %(name)s
 order by id limit 1
