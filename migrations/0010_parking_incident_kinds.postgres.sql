-- PK-8: a team lead opening a lane where a held or unpaid car waits is an incident too.
ALTER TABLE parking_incidents DROP CONSTRAINT parking_incidents_kind_check;
ALTER TABLE parking_incidents ADD CONSTRAINT parking_incidents_kind_check
    CHECK (kind IN ('gate_crash', 'abandoned', 'military_police', 'barrier_override'));
