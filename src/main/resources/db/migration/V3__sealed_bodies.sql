-- Decision bodies stored sealed: the request and response together, compressed (DEFLATE with a preset
-- dictionary) and encrypted (AES-GCM) under the data key of the decision's month (audit/SealedBodies, DataKeys).
-- body_key names that month (e.g. 2026-11); the keys themselves are not in the database.
-- request_json / response_json stay for records written before this migration and are NULL in every new record.
-- Plain SQL that runs on PostgreSQL and on H2 in MODE=PostgreSQL.
ALTER TABLE decision_log ADD COLUMN body_key VARCHAR(16);
ALTER TABLE decision_log ADD COLUMN sealed_body BYTEA;
