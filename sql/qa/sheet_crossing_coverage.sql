-- The sheets sheet_crossing could not check: no frame known, or a frame on another SRID than their parcels.
select w.commune_code, array_agg(distinct w.sheet_no order by w.sheet_no) as not_checked
  from {parcels} w
  left join map_sheet ms
    on ms.commune_code = w.commune_code and ms.sheet_no = w.sheet_no and ms.frame is not null
   and st_srid(ms.frame) = w.native_srid
 where ms.id is null
 group by w.commune_code
 order by w.commune_code
