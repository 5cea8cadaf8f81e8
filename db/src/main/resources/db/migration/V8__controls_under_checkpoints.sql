-- The action log and the per-unit conformity evidence under the audit chain's signed checkpoints (issue 8,
-- docs/decisions/0014-controls-and-actions-under-checkpoints.md). Forward-only; runs unchanged on H2 2.x and
-- PostgreSQL 15.

-- Three new event kinds: CONTROLS_RECORDED (a unit's unit_controls rows, by their hashes), ACTIONS_ANCHORED (the
-- action log's head, taken into a station's chain before each checkpoint) and UNIT_REWORKED (readout unprotect for
-- rework). A migration that adds a kind restates the whole list (decision 0010).
alter table audit_events drop constraint audit_events_kind_ck;
alter table audit_events add constraint audit_events_kind_ck check (kind in ('UNIT_BEGUN', 'UNIT_CLAIMED', 'STEP',
    'CERTIFICATE', 'CERTIFICATE_REVOKED', 'LOCK_EVIDENCE', 'UNIT_SEALED', 'KEY_RECORDED', 'CONTROLS_RECORDED',
    'ACTIONS_ANCHORED', 'UNIT_REWORKED'));

-- Each unit_controls row names the CONTROLS_RECORDED event that chains it; rows written before V8 have none.
alter table unit_controls add column event_id bigint;
alter table unit_controls add constraint unit_controls_event_fk foreign key (event_id) references audit_events (id);
create index unit_controls_event_ix on unit_controls (event_id, id);

-- The unit_controls rows written before V8: counted as legacy by the verifier, not vouched for.
create table controls_baseline (
    unit_controls_max_id bigint not null
);
insert into controls_baseline (unit_controls_max_id) select coalesce(max(id), 0) from unit_controls;
