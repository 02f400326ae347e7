-- A re-import of a feature layer replaces what the same source gave these communes.
delete from map_feature where source = %(source)s and commune_code = any(%(communes)s::text[])
