-- The second half of vertex_make_room: the set-aside rows take their new numbers.
update certificate_vertex set seq = -seq where certificate_id = %(id)s and seq < 0
