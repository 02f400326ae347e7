-- Accounts of the web app (issue 14): people with a role, their sessions and API tokens, and the log-in
-- attempts that rate limiting counts (in the database, so the limit holds across server processes).
-- Secrets are never stored: passwords as argon2 hashes, session and API tokens as sha256 of the token.
-- depends: 0030_ingest_runs

create table app_user (
    id             bigserial primary key,
    username       text not null,
    role           text not null check (role in ('officer', 'reviewer', 'admin')),
    password_hash  text not null,                        -- argon2id, PHC string
    disabled       boolean not null default false,
    created_at     timestamptz not null default now(),
    created_by     text not null,
    disabled_at    timestamptz,
    last_login_at  timestamptz,
    version        integer not null default 1,
    updated_at     timestamptz not null default now(),
    constraint app_user_name check (username ~ '^[a-z0-9][a-z0-9._-]{1,62}$')
);
create unique index app_user_username on app_user (username);

create table web_session (
    id           bigserial primary key,
    token_hash   text not null unique,                    -- sha256 hex of the cookie's token
    user_id      bigint not null references app_user (id) on delete cascade,
    csrf_token   text not null,                           -- sent back in forms and X-CSRF-Token
    address      text,
    created_at   timestamptz not null default now(),
    expires_at   timestamptz not null,
    ended_at     timestamptz
);
create index web_session_user on web_session (user_id);

create table api_token (
    id            bigserial primary key,
    user_id       bigint not null references app_user (id) on delete cascade,
    token_hash    text not null unique,                   -- sha256 hex of the token
    prefix        text not null,                          -- first characters, to tell tokens apart in lists
    label         text,
    created_at    timestamptz not null default now(),
    last_used_at  timestamptz,
    revoked_at    timestamptz
);
create index api_token_user on api_token (user_id);

create table login_attempt (
    id        bigserial primary key,
    at        timestamptz not null default now(),
    username  text not null,
    address   text not null,
    ok        boolean not null
);
create index login_attempt_user on login_attempt (username, at);
create index login_attempt_address on login_attempt (address, at);

-- Accounts are audited like other editable rows, without the password hash.
create or replace function audit_app_user() returns trigger
language plpgsql as
$$
declare
    who text := coalesce(nullif(current_setting('landdb.actor', true), ''), session_user);
begin
    if tg_op = 'INSERT' then
        insert into audit_log (actor, action, table_name, row_id, after)
        values (who, 'insert', tg_table_name, new.id, to_jsonb(new) - 'password_hash');
        return new;
    elsif tg_op = 'UPDATE' then
        insert into audit_log (actor, action, table_name, row_id, before, after)
        values (who, 'update', tg_table_name, new.id, to_jsonb(old) - 'password_hash',
                to_jsonb(new) - 'password_hash');
        return new;
    end if;
    insert into audit_log (actor, action, table_name, row_id, before)
    values (who, 'delete', tg_table_name, old.id, to_jsonb(old) - 'password_hash');
    return old;
end
$$;
create trigger audit_app_user after insert or update or delete on app_user
    for each row execute function audit_app_user();
