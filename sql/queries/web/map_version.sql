-- The public map's data version (0041_web_search): changes whenever parcels or QA findings are written.
select case when is_called then last_value else 0 end as version from web_map_version
