-- A new account (the password already hashed with argon2).
insert into app_user (username, role, password_hash, created_by)
values (%(username)s, %(role)s, %(password_hash)s, %(created_by)s)
returning id, username, role, disabled, created_at
