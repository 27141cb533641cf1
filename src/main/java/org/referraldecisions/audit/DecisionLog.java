package org.referraldecisions.audit;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.service.DecisionResponseV1;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * The decision log table: appends records to the hash chain and reads them back.
 * An append locks the single chain-head row for its transaction, so records get consecutive sequence
 * numbers and each links to the one before, however many threads or instances write.
 */
final class DecisionLog {

    /**
     * What the deciding thread knows of a decision; the log adds the sequence number and hashes. The response is
     * given as the service's object ({@code response}: stored as a {@link LoggedResponse}, its fired rules as numbers)
     * or, by tests, as text ({@code responseJson}: stored whole).
     */
    record Entry(String decisionId, Instant decidedAt, String caseRef, CompiledRuleset ruleset, long durationMicros,
                 String requestJson, String responseJson, DecisionResponseV1 response) {

        Entry(String decisionId, Instant decidedAt, String caseRef, CompiledRuleset ruleset, long durationMicros, String requestJson,
              String responseJson) {
            this(decisionId, decidedAt, caseRef, ruleset, durationMicros, requestJson, responseJson, null);
        }
    }

    /**
     * An entry made ready for the log on the deciding thread (hashes of the plaintext bodies, the bodies compressed
     * and encrypted), so the one writer thread only inserts. See {@link SealedBodies}.
     */
    record Prepared(Entry entry, Instant decidedAt, String requestSha256, String responseSha256, String bodyKey, byte[] sealedBody) {
    }

    /** A stored body that cannot be read back as it was hashed: altered, or its data key is missing. Names the record. */
    static final class UnreadableBodyException extends RuntimeException {
        private final long seq;
        private final String decisionId;

        UnreadableBodyException(long seq, String decisionId, String reason) {
            super(reason);
            this.seq = seq;
            this.decisionId = decisionId;
        }

        long seq() {
            return seq;
        }

        String decisionId() {
            return decisionId;
        }
    }

    // request_json / response_json: plaintext bodies of records written before V3 (read, never written now).
    private static final String COLUMNS = "seq, decision_id, decided_at, case_ref, ruleset_area, ruleset_version, ruleset_sha256, "
            + "duration_micros, request_json, response_json, request_sha256, response_sha256, purged_at, prev_hash, record_hash, "
            + "body_key, sealed_body";

    private final RowMapper<DecisionRecord> row = this::map;

    private final JdbcTemplate jdbc;
    private final TransactionTemplate tx;
    private final RulesetArchive archive;
    private final SealedBodies bodies;
    private final DurableCommit durable;
    private final LogSeal seal;
    private final JsonMapper json;
    private final FiredRuleCatalogues catalogues;

    /** A log that only reads (commands, verification): it cannot append. */
    DecisionLog(JdbcTemplate jdbc, TransactionTemplate tx, RulesetArchive archive, SealedBodies bodies) {
        this(jdbc, tx, archive, bodies, null, null);
    }

    /** {@code json}: the service's JSON writer, the one that writes responses over HTTP. */
    DecisionLog(JdbcTemplate jdbc, TransactionTemplate tx, RulesetArchive archive, SealedBodies bodies, LogSeal seal, JsonMapper json) {
        this.jdbc = jdbc;
        this.tx = tx;
        this.archive = archive;
        this.bodies = bodies;
        this.seal = seal;
        this.json = json;
        this.catalogues = new FiredRuleCatalogues(archive);
        this.durable = new DurableCommit(jdbc);
    }

    /**
     * Hashes, compresses and encrypts the entry's bodies: the costly part of an append, done by the caller's thread.
     * A response given as the service's object is stored as a {@link LoggedResponse} (whole only if a fired rule is
     * missing from its rule set's catalogue, which the engine cannot produce).
     */
    Prepared prepare(Entry e) {
        // Stored to the microsecond (PostgreSQL's precision), so the hash is computed from what is stored.
        Instant decidedAt = e.decidedAt().truncatedTo(ChronoUnit.MICROS);
        String period = DataKeys.periodOf(decidedAt);
        String requestSha256 = Sha256.hex(e.requestJson());
        if (e.response() != null) {
            FiredRuleCatalogue catalogue = catalogues.of(e.ruleset());
            LoggedResponse compact = LoggedResponse.of(e.response(), json, catalogue);
            if (compact != null) {
                return new Prepared(e, decidedAt, requestSha256, compact.sha256(catalogue), period,
                        bodies.seal(e.decisionId(), period, e.requestJson(), compact));
            }
        }
        String responseJson = e.responseJson() != null ? e.responseJson() : json.writeValueAsString(e.response());
        return new Prepared(e, decidedAt, requestSha256, Sha256.hex(responseJson), period,
                bodies.seal(e.decisionId(), period, e.requestJson(), responseJson));
    }

    /** After a commit: forces it to disk where the database does not on its own (H2's file; see {@link DurableCommit}). */
    void forceToDisk() {
        durable.force();
    }

    /** True when {@link #forceToDisk()} does something here (an embedded file database). */
    boolean forcesToDisk() {
        return durable.needed();
    }

    /** Records as stored by one commit, and the signed checkpoint over them. */
    record Appended(List<DecisionRecord> records, Checkpoint checkpoint) {
    }

    /** Appends the decision and commits; returns the record as stored. */
    DecisionRecord append(Entry e) {
        return appendAll(List.of(e)).records().get(0);
    }

    /**
     * Appends the decisions, in the order given, in one transaction: all are committed or none is.
     * Returns the records as stored. One commit for many decisions is what makes the log cheap under load
     * (see {@link GroupCommit}).
     */
    Appended appendAll(List<Entry> entries) {
        return appendPrepared(entries.stream().map(this::prepare).toList());
    }

    /** {@link #appendAll} of entries already {@link #prepare prepared}. */
    Appended appendPrepared(List<Prepared> entries) {
        return tx.execute(status -> {
            var head = jdbc.queryForMap("SELECT seq, record_hash FROM decision_chain_head WHERE id = 1 FOR UPDATE");
            long seq = ((Number) head.get("seq")).longValue();
            String prevHash = (String) head.get("record_hash");
            List<DecisionRecord> records = new ArrayList<>(entries.size());
            List<Object[]> rows = new ArrayList<>(entries.size());
            for (Prepared p : entries) {
                Entry e = p.entry();
                archive.ensureArchived(e.ruleset());
                DecisionRecord draft = new DecisionRecord(++seq, e.decisionId(), p.decidedAt(), e.caseRef(), e.ruleset().id().area(),
                        e.ruleset().id().version(), e.ruleset().sha256(), e.durationMicros(), e.requestJson(), e.responseJson(),
                        p.requestSha256(), p.responseSha256(), null, prevHash, null);
                DecisionRecord r = withHash(draft, seal.recordHash(draft));
                records.add(r);
                // The plaintext columns stay NULL: the bodies are stored sealed (compressed, encrypted) only.
                rows.add(new Object[] {r.seq(), r.decisionId(), utc(r.decidedAt()), r.caseRef(), r.rulesetArea(), r.rulesetVersion(),
                        r.rulesetSha256(), r.durationMicros(), null, null, r.requestSha256(),
                        r.responseSha256(), null, r.prevHash(), r.recordHash(), p.bodyKey(), p.sealedBody()});
                prevHash = r.recordHash();
            }
            jdbc.batchUpdate("INSERT INTO decision_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", rows);
            jdbc.update("UPDATE decision_chain_head SET seq = ?, record_hash = ? WHERE id = 1", seq, prevHash);
            return new Appended(records, seal.checkpoint(records));
        });
    }

    Optional<DecisionRecord> find(String decisionId) {
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_log WHERE decision_id = ?", row, decisionId).stream().findFirst();
    }

    /** A case's decisions, newest first. */
    List<DecisionRecord> history(String caseRef, int limit) {
        return jdbc.query("SELECT " + COLUMNS + " FROM decision_log WHERE case_ref = ? ORDER BY seq DESC LIMIT ?", row, caseRef, limit);
    }

    /** Every record in chain order, streamed. */
    void forEachInOrder(Consumer<DecisionRecord> action) {
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT " + COLUMNS + " FROM decision_log ORDER BY seq");
            statement.setFetchSize(500);
            return statement;
        }, rs -> {
            action.accept(map(rs, 0));
        });
    }

    /** The records of a query's date range, area and version, in chain order, streamed. */
    void forEachMatching(LogQuery query, Consumer<DecisionRecord> action) {
        Object[] parameters = query.parameters();
        jdbc.query(con -> {
            var statement = con.prepareStatement("SELECT " + COLUMNS + " FROM decision_log" + query.whereClause() + " ORDER BY seq");
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            statement.setFetchSize(500);
            return statement;
        }, rs -> {
            action.accept(map(rs, 0));
        });
    }

    /** The chain head: the sequence number and hash of the last record (0 and zeros when empty). */
    ChainHead head() {
        return jdbc.queryForObject("SELECT seq, record_hash FROM decision_chain_head WHERE id = 1",
                (rs, n) -> new ChainHead(rs.getLong(1), rs.getString(2)));
    }

    record ChainHead(long seq, String recordHash) {
    }

    /** Removes the bodies of records decided before {@code cutoff}; ids, hashes and rule set identity stay. */
    int purgeBodiesBefore(Instant cutoff, Instant now) {
        return jdbc.update("UPDATE decision_log SET request_json = NULL, response_json = NULL, sealed_body = NULL, purged_at = ? "
                + "WHERE decided_at < ? AND (request_json IS NOT NULL OR response_json IS NOT NULL OR sealed_body IS NOT NULL)",
                utc(now), utc(cutoff));
    }

    private static DecisionRecord withHash(DecisionRecord r, String hash) {
        return new DecisionRecord(r.seq(), r.decisionId(), r.decidedAt(), r.caseRef(), r.rulesetArea(), r.rulesetVersion(),
                r.rulesetSha256(), r.durationMicros(), r.requestJson(), r.responseJson(), r.requestSha256(), r.responseSha256(),
                r.purgedAt(), r.prevHash(), hash);
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime value = rs.getObject(column, OffsetDateTime.class);
        return value == null ? null : value.toInstant();
    }

    /**
     * A row as a record with its plaintext bodies: opened from the sealed body (and checked against the request and
     * response hashes), or from the plaintext columns of a record written before V3. A record whose month's data key
     * retention destroyed has no bodies and counts as purged from the destruction time.
     */
    private DecisionRecord map(ResultSet rs, int rowNumber) throws SQLException {
        long seq = rs.getLong("seq");
        String decisionId = rs.getString("decision_id");
        String requestJson = rs.getString("request_json");
        String responseJson = rs.getString("response_json");
        String requestSha256 = rs.getString("request_sha256");
        String responseSha256 = rs.getString("response_sha256");
        Instant purgedAt = instant(rs, "purged_at");
        byte[] sealed = rs.getBytes("sealed_body");
        if (sealed != null) {
            try {
                SealedBodies.Bodies opened = bodies.open(decisionId, rs.getString("body_key"), sealed);
                if (!Sha256.hex(opened.requestJson()).equals(requestSha256)) {
                    throw new UnreadableBodyException(seq, decisionId, "the stored request does not match its hash");
                }
                String response = opened.responseJson() != null ? opened.responseJson()
                        : opened.compact().text(catalogues.of(rs.getString("ruleset_sha256")));
                if (!Sha256.hex(response).equals(responseSha256)) {
                    throw new UnreadableBodyException(seq, decisionId, opened.compact() == null ? "the stored response does not match its hash"
                            : "the response rebuilt from the stored body and its rule set's fired rules does not match its hash");
                }
                requestJson = opened.requestJson();
                responseJson = response;
            } catch (DataKeys.KeyUnavailableException e) {
                if (e.destroyedAt() == null) {
                    throw new UnreadableBodyException(seq, decisionId, e.getMessage());
                }
                purgedAt = purgedAt == null ? e.destroyedAt() : purgedAt;
            } catch (SealedBodies.UnreadableBodyException e) {
                throw new UnreadableBodyException(seq, decisionId, e.getMessage());
            }
        }
        return new DecisionRecord(seq, decisionId, instant(rs, "decided_at"), rs.getString("case_ref"),
                rs.getString("ruleset_area"), rs.getString("ruleset_version"), rs.getString("ruleset_sha256"),
                rs.getLong("duration_micros"), requestJson, responseJson, requestSha256, responseSha256, purgedAt,
                rs.getString("prev_hash"), rs.getString("record_hash"));
    }
}
