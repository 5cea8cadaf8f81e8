-- Lots with a plan (docs/lots.md): a quota the station may not build past, a serial scheme, a close. Forward-only;
-- identical on H2 2.x and PostgreSQL 15. Lots opened before this migration (and demo lots) keep a null quota and
-- pattern: no cap, serials from the profile's prefix.

-- quota: units the lot may hold that passed or are under way with a serial (the overbuild cap), null for none.
-- claimed: that count now; every CLAIM adds 1 under the lot row's lock and a unit sealed FAILED gives it back, so
-- the check constraint lets the database itself refuse a claim past the quota, from any station.
alter table lots add column quota bigint;
alter table lots add column claimed bigint default 0 not null;
alter table lots add column serial_pattern varchar(128);
alter table lots add column manifest_sha256 varchar(64);
alter table lots add column closed_at timestamp with time zone;
alter table lots add constraint lots_quota_ck check (quota is null or (quota > 0 and claimed >= 0 and claimed <= quota));

-- The serials of a lot opened with a manifest, in manifest order; CLAIM takes the first one no unit holds.
create table lot_serials (
    lot_id    varchar(64) not null,
    position  bigint      not null,
    serial    varchar(64) not null,
    unit_id   bigint,
    constraint lot_serials_pk primary key (lot_id, position),
    constraint lot_serials_lot_fk foreign key (lot_id) references lots (id),
    constraint lot_serials_unit_fk foreign key (unit_id) references units (id),
    constraint lot_serials_serial_uk unique (serial)
);
create index lot_serials_free_ix on lot_serials (lot_id, unit_id, position);

-- The resume query: a station's units that began and were never sealed.
create index units_station_result_ix on units (station, result, lot_id, id);
