-- Does the land database know this commune code (map parcels, certificate parcels, map sheets,
-- administrative units or QA findings)?
select exists (select 1 from parcel where commune_code = %(code)s)
    or exists (select 1 from certificate_parcel where commune_code = %(code)s)
    or exists (select 1 from map_sheet where commune_code = %(code)s)
    or exists (select 1 from admin_unit where code = %(code)s)
    or exists (select 1 from qa_finding where commune_code = %(code)s) as known
