-- Room for a change entry a reviewer adds at %(seq)s (as vertex_make_room; change_settle completes it).
update parcel_change set seq = -(seq + 1) where certificate_id = %(id)s and seq >= %(seq)s
