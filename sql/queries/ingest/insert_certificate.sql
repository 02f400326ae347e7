insert into certificate (id, document_id, form, serial, register_no, issue_date, issuer, supersedes_id,
                         pending_supersedes_id, status, record)
values (%(id)s, %(document_id)s, %(form)s, %(serial)s, %(register_no)s, %(issue_date)s, %(issuer)s,
        %(supersedes_id)s, %(pending_supersedes_id)s, %(status)s, %(record)s)
