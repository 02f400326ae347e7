insert into certificate_vertex (certificate_id, seq, point, x_northing, y_easting, edge_m)
values (%(certificate_id)s, %(seq)s, %(point)s, %(x)s, %(y)s, %(edge_m)s)
