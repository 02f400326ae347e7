select status, count(*) as n from address_unit group by status order by status
