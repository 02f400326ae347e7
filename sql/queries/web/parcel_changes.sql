-- Biến động printed on the given certificates.
select ch.certificate_id, ch.seq, ch.text, ch.change_date, ch.kind
  from parcel_change ch
 where ch.certificate_id = any(%(ids)s)
 order by ch.change_date nulls last, ch.seq
