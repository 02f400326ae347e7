-- Extensions landdb needs. Created by the cluster bootstrap as superuser too;
-- on a server of the user's own, the migrating role must be allowed to create them.
create extension if not exists postgis;
create extension if not exists pg_trgm;
create extension if not exists unaccent;
