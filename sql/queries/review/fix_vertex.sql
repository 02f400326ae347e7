update certificate_vertex
   set point = %(point)s, x_northing = %(x)s, y_easting = %(y)s, edge_m = %(edge_m)s
 where certificate_id = %(id)s and seq = %(seq)s
