-- Every change to accounts and API tokens (disable, revoke, password) is announced on the `landdb_auth` channel at
-- commit, so a web process that keeps checked bearer tokens for a few seconds (web/token_cache.py) drops them at
-- once: a disabled user's token stops working within the notification's delivery, not the cache's lifetime.
-- depends: 0100_search_words

create or replace function web_auth_changed() returns trigger
language plpgsql as $$
begin
    perform pg_notify('landdb_auth', tg_table_name);
    return null;
end $$;

create trigger web_auth_changed after update or delete on app_user
    for each statement execute function web_auth_changed();
create trigger web_auth_changed after update or delete on api_token
    for each statement execute function web_auth_changed();
