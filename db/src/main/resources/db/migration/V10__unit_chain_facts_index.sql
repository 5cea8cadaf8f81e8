-- A unit's rework and its certificate's revocation are read from its chain events with every page and export
-- (db.store.UnitChainFacts). These indexes make each of those a single seek instead of a walk over the unit's
-- ~20 events, which kept a CSV export of a million units under a minute. Forward-only; H2 and PostgreSQL alike.
create index audit_events_kind_unit_ix on audit_events (kind, unit_id);
create index audit_events_kind_cert_ix on audit_events (kind, cert_sha256);
