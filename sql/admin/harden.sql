-- Run by the superuser after the migrations (landdb/cluster.py: harden). The application role owns the
-- schema but not the audit log: it may read and append to it, never truncate, alter or disable its triggers.
alter table audit_log owner to {audit_role};
alter sequence audit_log_id_seq owner to {audit_role};
alter function audit_log_is_append_only() owner to {audit_role};
revoke all on audit_log from {app_role};
grant select, insert on audit_log to {app_role};
grant usage, select on sequence audit_log_id_seq to {app_role};
