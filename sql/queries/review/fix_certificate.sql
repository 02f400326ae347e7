-- The certificate's columns and record after a reviewer's correction (record already re-validated).
update certificate
   set serial = %(serial)s, register_no = %(register_no)s, issue_date = %(issue_date)s, issuer = %(issuer)s,
       record = %(record)s, version = version + 1, updated_at = now()
 where id = %(id)s
