-- The sheets sheet_crossing could not check: no frame known, or a frame on another SRID than their parcels.
select u.commune_code, array_agg(u.sheet_no order by length(u.sheet_no), u.sheet_no) as not_checked
  from (select distinct w.commune_code, w.sheet_no
          from {parcels} w
          left join map_sheet ms
            on ms.commune_code = w.commune_code and ms.sheet_no = w.sheet_no and ms.frame is not null
           and st_srid(ms.frame) = w.native_srid
         where ms.id is null) as u
 group by u.commune_code
 order by u.commune_code
