-- The n-th owner of a certificate (rights in load order) after a correction of their name, ID …
update party p
   set title = %(title)s, name = %(name)s, birth_year = %(birth_year)s, id_type = %(id_type)s,
       id_number = %(id_number)s, address = %(address)s, version = p.version + 1, updated_at = now()
 where p.id = (select r.party_id from land_right r where r.certificate_id = %(id)s
                order by r.id offset %(seq)s limit 1)
