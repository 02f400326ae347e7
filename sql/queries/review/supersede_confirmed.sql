-- A reviewer confirmed the serial: the held supersession happens now (the older certificate with that serial,
-- if there still is one, is superseded by this one).
with previous as (
    select id from certificate
     where serial = %(serial)s and form = %(form)s and id <> %(id)s and id < %(id)s
       and status not in ('superseded', 'rejected')
     order by id desc limit 1
), retired as (
    update certificate o set status = 'superseded', version = o.version + 1, updated_at = now()
      from previous where o.id = previous.id
    returning o.id
)
update certificate c
   set supersedes_id = (select id from retired), pending_supersedes_id = null,
       version = c.version + 1, updated_at = now()
 where c.id = %(id)s
returning c.supersedes_id
