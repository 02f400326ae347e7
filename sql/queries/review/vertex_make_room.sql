-- Room for a vertex a reviewer adds at %(seq)s: the rows from there on are set aside with negative numbers (their
-- next number, negated: the unique (certificate_id, seq) holds row by row); vertex_settle turns them positive.
update certificate_vertex set seq = -(seq + 1) where certificate_id = %(id)s and seq >= %(seq)s
