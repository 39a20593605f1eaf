-- The audit trail keeps only the indexes a query needs: every index is written on every event, and sixteen of them
-- made writing the projections file most of the query side's CPU (issue 20). What stays on audit_entry, and who
-- reads by it:
--   primary key (global_position)          GET /api/v1/audit without a selective filter, in global order from the
--                                           cursor (location, principal, movement type, reference type and time
--                                           ranges match often enough that reading in global order finds a page
--                                           at once); the exports; the balance's "computed from" position
--   audit_entry_position_history (unique)  the audit projection: the buckets before an event (the position's
--                                           latest entry) and whether the event is recorded already
--   audit_entry_by_position                GET /api/v1/audit?sku=&location= (a position's history, paged) and the
--                                           balance as of an instant (is the position known)
--   audit_entry_by_sku                     GET /api/v1/audit?sku= (a SKU at every location)
--   audit_entry_by_movement_id             GET /api/v1/audit?movementId=; the audit projection finds the movement
--                                           that caused a recomputed count difference or a shortfall by it
--   audit_entry_by_reference_number        GET /api/v1/audit?referenceNumber= (a document's movements)
--   audit_entry_by_correlation_id          GET /api/v1/traces/{correlationId} and ?correlationId=
--   audit_entry_movements_in_business_time GET /api/v1/positions/{sku}/{location}/balance?asOf= (the last day)
--   audit_entry_counts_latest_first        the same, the latest count before the instant
-- Dropped, each a filter that matches a large share of the trail (a page is found by reading in global order) or
-- that no statement reads by any longer: the event id (the projection knows an event by its position and sequence
-- number, unique already), location, principal, movement type, reference type, business and recording time.
ALTER TABLE audit_entry DROP CONSTRAINT audit_entry_event_id;
DROP INDEX audit_entry_by_location;
DROP INDEX audit_entry_by_occurred_at;
DROP INDEX audit_entry_by_recorded_at;
DROP INDEX audit_entry_by_movement_type;
DROP INDEX audit_entry_by_reference_type;
DROP INDEX audit_entry_by_principal;
