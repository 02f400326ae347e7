-- Statistics of the staged features: without them the planner guessed the staged sheets' size and scanned the
-- whole parcel table to compare them (stage_plan 5.9 s of a 15,000-parcel import into the 2.5M-parcel city).
analyze geo_stage
