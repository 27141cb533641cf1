-- Tamper evidence against a database writer (README "Decision log and review"): from here on each record's
-- record_hash is an HMAC under a key held outside the database, and each group commit writes a checkpoint signed
-- with Ed25519 (the same key file) over the Merkle root of its records and the chain head after them. The same
-- checkpoints are appended to a file outside the database; receipts carry them to callers.

-- One row per group commit: records first_seq..last_seq. Written in the records' own transaction.
CREATE TABLE decision_checkpoint (
    first_seq   BIGINT PRIMARY KEY,
    last_seq    BIGINT NOT NULL,
    key_id      VARCHAR(64) NOT NULL,
    log_id      VARCHAR(36) NOT NULL,
    tree_root   VARCHAR(64) NOT NULL,
    head_hash   VARCHAR(64) NOT NULL,
    keyed_from  BIGINT NOT NULL,
    signed_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    signature   VARCHAR(128) NOT NULL
);

-- The first sequence number that is keyed and checkpointed; records before it were written before signing existed
-- and are checked by their unkeyed hash only. log_id: this log's random identity (set by the first instance to sign),
-- so a checkpoint file shared by several databases (e.g. test runs) is read only for this log's checkpoints. Every
-- signed checkpoint repeats both, so changing them here is detected.
CREATE TABLE decision_log_keying (
    id          INT PRIMARY KEY,
    keyed_from  BIGINT NOT NULL,
    log_id      VARCHAR(36)
);

INSERT INTO decision_log_keying (id, keyed_from) SELECT 1, seq + 1 FROM decision_chain_head WHERE id = 1;
