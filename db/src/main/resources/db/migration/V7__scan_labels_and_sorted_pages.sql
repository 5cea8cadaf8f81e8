-- The scanned label a unit was started by, and an index for the auditor's table sorted by start time.
-- Forward-only; identical on H2 and PostgreSQL.
-- The label the bench's scan field read (a barcode on the board or its carrier); null for units started
-- without a scan (--count, a batch manifest) and for units recorded before this version.
alter table units add column scan_label varchar(64);
-- Sorted keyset pages "where (started_at, id) > (?, ?) order by started_at, id" seek this index.
create index units_started_id_ix on units (started_at, id);
-- The new index serves every range on started_at that this one did; kept, it would be chosen for
-- "started_at > ?" and leave the id order within one start time to a sort.
drop index units_started_ix;
