-- Linking and QA of concurrent builds (flow runs of a work pool, two shells) run one at a time: a QA run
-- evaluates, then stores its findings and closes those it did not see, so two at once could close each other's
-- findings. A session lock, released when the step's connection closes (flows/steps_map.py).
select pg_advisory_lock(hashtext('landdb.link_and_qa'))
