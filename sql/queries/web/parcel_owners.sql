-- Owners and rights of the given certificates.
select r.certificate_id, r.kind as right_kind, r.share, pa.id as party_id, pa.kind, pa.title, pa.name,
       pa.birth_year, pa.id_type, pa.id_number, pa.address
  from land_right r
  join party pa on pa.id = r.party_id
 where r.certificate_id = any(%(ids)s)
 order by r.certificate_id, r.id
