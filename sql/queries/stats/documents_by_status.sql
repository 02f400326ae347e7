select status, count(*) as n from source_document group by status order by status
