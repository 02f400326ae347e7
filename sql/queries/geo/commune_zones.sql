-- The VN-2000 zones a commune is known on: its former province's zone (admin_unit) and the zones its
-- map parcels were imported in. One row: the commune's zone; several: the commune does not decide.
select vn2000_srid as srid from admin_unit where code = %(code)s and vn2000_srid is not null
union
select distinct native_srid from parcel where commune_code = %(code)s
