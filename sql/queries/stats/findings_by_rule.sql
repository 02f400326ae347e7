select rule_id, status, count(*) as n from qa_finding group by rule_id, status order by rule_id, status
