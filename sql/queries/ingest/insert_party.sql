insert into party (kind, title, name, birth_year, id_type, id_number, address)
values (%(kind)s, %(title)s, %(name)s, %(birth_year)s, %(id_type)s, %(id_number)s, %(address)s)
returning id
