-- The desk's and the repairs' controls (issue 12: FD-B, FD-C, FD-I, MT-1, MT-3.1, MT-3.4, MT-4.0).
-- Columns and indexes only: no CHECK changes (SQLite would need each table rebuilt); the rules
-- refuse what the old CHECKs still allow, and rows outside the new bounds are brought inside.

-- FD-I: the deadline a case is judged by, fixed at its first dispatch (reassigns and reopens move
-- due_at, never this). Cases from before keep the deadline they have now.
ALTER TABLE cases ADD COLUMN target_due_at BIGINT NOT NULL DEFAULT 0;
UPDATE cases SET target_due_at = due_at;
-- The KPI scan reads the target and the status (a complaint open again past its target is late)
-- from the covering index alone.
DROP INDEX cases_site_created;
CREATE INDEX cases_site_created ON cases (site_id, created_at, category, department_id, recorded_by, due_at,
                                          target_due_at, status, handled_at, handled_on_time, dispatched_at,
                                          accepted_at, completed_at, return_visited_at, replied_at, archived_at);

-- FD-C: a return visit past due is flagged once (the desk and the butler are told then).
ALTER TABLE return_visits ADD COLUMN overdue_at BIGINT;
CREATE INDEX return_visits_open_due ON return_visits (due_at) WHERE overdue_at IS NULL AND status IN ('pending', 'escalated');

-- FD-C / MT-4.0: a return visit is due the same day; a policy may tighten that, not stretch it.
UPDATE desk_policies SET return_visit_hours = 24, version = version + 1 WHERE return_visit_hours > 24;
UPDATE repair_policies SET return_visit_hours = 24, version = version + 1 WHERE return_visit_hours > 24;
-- MT-3.4: the wait at a door nobody opens is 5 to 10 minutes.
UPDATE repair_policies SET min_wait_minutes = 5, version = version + 1 WHERE min_wait_minutes < 5;

-- MT-3.1: an immediate job nobody reached by its deadline is flagged once (engineering and the
-- desk are told then); a new deadline (a rebooking) clears it.
ALTER TABLE repairs ADD COLUMN arrival_missed_at BIGINT;
CREATE INDEX repairs_arrival_due ON repairs (due_at)
    WHERE arrival_missed_at IS NULL AND mode = 'immediate' AND status IN ('recorded', 'assigned');
-- MT-1: the KPI scan also reads the deadline and the close, for immediate jobs never reached.
DROP INDEX repairs_site_requested;
CREATE INDEX repairs_site_requested ON repairs (site_id, requested_at, technician_id, mode, first_arrived_at,
                                               first_on_time, completed_at, first_time_fix, return_visit_due_at,
                                               visits_answered, visits_satisfied, status, due_at, closed_at);
