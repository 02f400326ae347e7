-- Every commune code the land database knows (to suggest the close ones for a mistyped code).
select distinct code
from (select distinct commune_code as code from parcel
      union select distinct commune_code from certificate_parcel where commune_code is not null
      union select commune_code from map_sheet
      union select code from admin_unit
      union select distinct commune_code from qa_finding where commune_code is not null) c
order by code
