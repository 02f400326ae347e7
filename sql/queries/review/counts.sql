-- How many items of each kind the queue's filters select (without the page limit).
select kind, count(*) as n from items
 where (%(kind)s::text is null or kind = %(kind)s)
   and (%(rule)s::text is null or rule_id = %(rule)s)
   and (%(commune)s::text is null or commune_code = %(commune)s)
 group by kind
