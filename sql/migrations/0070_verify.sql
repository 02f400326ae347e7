-- The public certificate check (/verify, issue 16): each request counted per client address, so the check can
-- be rate-limited across server processes the way log-ins are (login_attempt). Rows older than a day are
-- pruned by the check itself.
-- depends: 0050_review
create table verify_request (
    id       bigserial primary key,
    at       timestamptz not null default now(),
    address  text not null
);
create index verify_request_address on verify_request (address, at);
