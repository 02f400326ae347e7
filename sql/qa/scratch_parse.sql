-- Turn the WKB into geometries set-wise; a geometry PostGIS refuses gets null and its reason.
update {table}
   set load_error = qa_wkb_error(wkb),
       geom = qa_geom_or_null(wkb, native_srid)
