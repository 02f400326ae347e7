-- Count one certificate check from this address; forget checks older than a day.
with pruned as (delete from verify_request where at < now() - interval '1 day')
insert into verify_request (address) values (%(address)s)
