-- Bulk load of the synthetic city: its row-audit trigger off (see city_audit_triggers).
alter table {table} disable trigger {trigger}
