select id, commune_code from parcel where id = %(id)s
