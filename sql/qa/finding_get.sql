select id, rule_id, status, status_reason, status_by, status_at, version, message, parcel_keys
  from qa_finding where id = %(id)s
