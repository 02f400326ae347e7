select c.id, c.status, c.version, c.serial, c.form, c.document_id, c.retracted_at from certificate c where c.id = %(id)s
