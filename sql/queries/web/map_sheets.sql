-- Map sheets with how many parcels each holds (the commune and sheet filter of the search page).
select ms.commune_code, au.name as commune_name, ms.sheet_no, count(p.id) as parcels
  from map_sheet ms
  left join admin_unit au on au.code = ms.commune_code
  left join parcel p on p.commune_code = ms.commune_code and p.sheet_no = ms.sheet_no
 group by ms.commune_code, au.name, ms.sheet_no
 order by ms.commune_code, ms.sheet_no
