-- The queue's page: items (from review/_items, filtered by kind, rule and commune), most urgent first, then oldest.
select * from items
 where (%(kind)s::text is null or kind = %(kind)s)
   and (%(rule)s::text is null or rule_id = %(rule)s)
   and (%(commune)s::text is null or commune_code = %(commune)s)
 order by priority, created_at, id
 limit %(limit)s
