-- Indexes for the auditor's queries and exports (dev.hallmark.db.query). Forward-only; identical on H2 and
-- PostgreSQL. Each equality criterion gets an index on (column, id): a keyset page or an export cursor
-- "where column = ? and id > ? order by column, id" then reads the index in order instead of sorting.
create index units_lot_id_ix on units (lot_id, id);
create index units_station_ix on units (station, id);
create index units_result_ix on units (result, id);
create index units_failed_step_ix on units (failed_step, id);
-- Date ranges on the start time.
create index units_started_ix on units (started_at);
