insert into map_import (path, layer, sha256, declared_srid, srid, commune_code, feature_count, imported_by, report)
values (%(path)s, %(layer)s, %(sha256)s, %(declared_srid)s, %(srid)s, %(commune_code)s, %(feature_count)s,
        %(imported_by)s, %(report)s)
returning id
