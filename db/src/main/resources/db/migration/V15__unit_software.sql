-- Which software made each unit (issue 19): the project version and the build id (git commit) of the station that
-- began it. The UNIT_BEGUN event chains the same two values in its detail ("software <version> build <id>"), so the
-- verifier names a row whose software was edited. Units begun before V15 have neither. Forward-only; runs unchanged
-- on H2 2.x and PostgreSQL 15. No event kind is added.
alter table units add column software_version varchar(64);
alter table units add column build_id varchar(64);
