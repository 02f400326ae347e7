copy national_code_stage (geom_key, code) from stdin
