with ended as (
    update web_session set ended_at = now()
     where user_id = %(user_id)s and ended_at is null
    returning 1
)
update api_token set revoked_at = now()
 where user_id = %(user_id)s and revoked_at is null
