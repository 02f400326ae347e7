-- The plausible ranges of each zone are defined once, in geo/tolerance.py, and reach the QA rules
-- out_of_zone and xy_swapped as the zone_ranges parameter: the copy in this table goes.
-- depends: 0022_parallel_labels
drop table if exists qa_zone_range;
