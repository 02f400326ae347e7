-- The parcel as printed on a certificate (the rights of a reviewer's added owner point at it).
select id from certificate_parcel where certificate_id = %(id)s order by id limit 1
