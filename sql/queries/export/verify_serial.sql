-- A certificate by its serial (số phát hành; spaces and case ignored), the newest scan of it, with where it lies,
-- and the earliest newer certificate issued for the same parcel (on the map, or by its printed key) if any.
-- Retracted (rejected) and re-scanned (superseded) documents are left out.
with found as (
    select c.id, c.serial, c.issue_date, cp.commune_code, cp.sheet_no, cp.parcel_no, cp.parcel_id
      from certificate c
      left join certificate_parcel cp on cp.certificate_id = c.id
     where upper(regexp_replace(c.serial, '\s', '', 'g')) = %(serial)s
       and c.status not in ('rejected', 'superseded')
     order by c.issue_date desc nulls last, c.id desc
     limit 1
)
select f.serial, f.issue_date, coalesce(p.commune_code, f.commune_code) as commune_code, au.name as commune_name,
       coalesce(p.sheet_no, f.sheet_no) as sheet_no, coalesce(p.parcel_no, f.parcel_no) as parcel_no,
       newer.issue_date as superseded_on
  from found f
  left join parcel p on p.id = f.parcel_id
  left join admin_unit au on au.code = coalesce(p.commune_code, f.commune_code)
  left join lateral (
      select min(c2.issue_date) as issue_date
        from certificate c2
        join certificate_parcel cp2 on cp2.certificate_id = c2.id
       where c2.id <> f.id and c2.status not in ('rejected', 'superseded')
         and upper(regexp_replace(coalesce(c2.serial, ''), '\s', '', 'g')) <> %(serial)s
         and c2.issue_date > f.issue_date
         and ((f.parcel_id is not null and cp2.parcel_id = f.parcel_id)
              or (cp2.commune_code = f.commune_code and cp2.sheet_no = f.sheet_no and cp2.parcel_no = f.parcel_no))
  ) newer on newer.issue_date is not null
