-- The second half of change_make_room: the set-aside entries take their new numbers.
update parcel_change set seq = -seq where certificate_id = %(id)s and seq < 0
