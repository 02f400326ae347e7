update parcel_change set text = %(text)s, change_date = %(date)s
 where certificate_id = %(id)s and seq = %(seq)s
