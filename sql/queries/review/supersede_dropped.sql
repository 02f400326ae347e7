-- The serial was rejected: nothing is superseded on its word.
update certificate set pending_supersedes_id = null, version = version + 1, updated_at = now()
 where id = %(id)s and pending_supersedes_id is not null
