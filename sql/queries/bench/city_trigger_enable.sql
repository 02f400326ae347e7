alter table {table} enable trigger {trigger}
