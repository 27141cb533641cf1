-- The decision log: one row per decision returned with 200, written before the response is sent.
-- Plain SQL that runs on PostgreSQL and on H2 in MODE=PostgreSQL.
-- Bodies are stored as TEXT, byte for byte as hashed (jsonb would reformat them and break the hashes).

-- The exact files of every rule set version that decided a case, stored once by their SHA-256.
CREATE TABLE ruleset_archive (
    sha256       VARCHAR(64) PRIMARY KEY,
    area         VARCHAR(64) NOT NULL,
    version      VARCHAR(64) NOT NULL,
    files        TEXT NOT NULL,
    archived_at  TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE decision_log (
    seq              BIGINT PRIMARY KEY,
    decision_id      VARCHAR(64) NOT NULL UNIQUE,
    decided_at       TIMESTAMP WITH TIME ZONE NOT NULL,
    case_ref         VARCHAR(64) NOT NULL,
    ruleset_area     VARCHAR(64) NOT NULL,
    ruleset_version  VARCHAR(64) NOT NULL,
    ruleset_sha256   VARCHAR(64) NOT NULL REFERENCES ruleset_archive (sha256),
    duration_micros  BIGINT NOT NULL,
    -- Set to NULL by the retention purge; their hashes stay, so the chain still verifies.
    request_json     TEXT,
    response_json    TEXT,
    request_sha256   VARCHAR(64) NOT NULL,
    response_sha256  VARCHAR(64) NOT NULL,
    purged_at        TIMESTAMP WITH TIME ZONE,
    -- Hash chain: record_hash covers every column above except the bodies (through their hashes) and purged_at.
    prev_hash        VARCHAR(64) NOT NULL,
    record_hash      VARCHAR(64) NOT NULL
);

CREATE INDEX decision_log_case_ref ON decision_log (case_ref, seq);
CREATE INDEX decision_log_decided_at ON decision_log (decided_at);

-- One row: the last record of the chain. Locked (SELECT ... FOR UPDATE) by every insert, so the chain is linear
-- even with several service instances on one database.
CREATE TABLE decision_chain_head (
    id           INT PRIMARY KEY,
    seq          BIGINT NOT NULL,
    record_hash  VARCHAR(64) NOT NULL
);

INSERT INTO decision_chain_head (id, seq, record_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
