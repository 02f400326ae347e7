-- Name (or, with '', stop naming) the actor for the rest of the transaction: the audit trigger records
-- inserts only while an actor is named, so a bulk import's inserts are recorded once, in map_import.
select set_config('landdb.actor', %(actor)s, true)
