-- The audit log refuses TRUNCATE too (update and delete are refused since 0002).
-- depends: 0002_schema_v1
create trigger audit_log_no_truncate before truncate on audit_log
    for each statement execute function audit_log_is_append_only();
