insert into parcel_change (certificate_id, seq, text, change_date, kind)
values (%(certificate_id)s, %(seq)s, %(text)s, %(change_date)s, %(kind)s)
