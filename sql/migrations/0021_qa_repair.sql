-- The polygonal repaired copy that QA rules measure on when a parcel's geometry is invalid,
-- or null when GEOS cannot repair it (geometry_invalid then says other rules could not check it).
-- depends: 0020_qa
create or replace function qa_repair(g geometry) returns geometry
language plpgsql immutable parallel safe as
$$
begin
    if g is null or st_isempty(g) then
        return null;
    end if;
    if st_dimension(g) = 2 then
        return st_collectionextract(st_makevalid(g, 'method=structure'), 3);
    end if;
    return st_collectionextract(st_makevalid(g), 3);
exception when others then
    return null;
end
$$;
