-- The VN-2000 zone of a commune's former province, when the admin_unit table knows it.
select vn2000_srid from admin_unit where code = %(code)s
