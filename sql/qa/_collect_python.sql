-- A finding computed in Python (certificate record rules); the geometry comes as EWKB or null.
insert into pg_temp.qa_result
       (rule_id, parcel_ids, parcel_keys, commune_code, measure, threshold, unit, details, geom, spot)
values (%(rule_id)s, %(parcel_ids)s, %(parcel_keys)s, %(commune_code)s, %(measure)s, %(threshold)s, %(unit)s,
        %(details)s, %(geom)s::geometry, %(spot)s)
