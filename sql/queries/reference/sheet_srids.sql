-- The SRID of each known sheet of these (commune, sheet) pairs.
select s.commune_code, s.sheet_no, s.srid
  from map_sheet s
  join unnest(%(communes)s::text[], %(sheets)s::text[]) as k (commune_code, sheet_no)
    on k.commune_code = s.commune_code and k.sheet_no = s.sheet_no
