package org.referraldecisions.audit;

import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.referraldecisions.ruleset.CompiledRuleset;
import org.referraldecisions.ruleset.RulesetFiles;
import org.referraldecisions.ruleset.RulesetLoader;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/**
 * The exact files of every rule set version that decided a case, stored once under their SHA-256, so a
 * decision can be replayed after the files on disk changed or were deleted. What is brought back is
 * compiled again and its hash checked against the one it was stored under.
 */
final class RulesetArchive {

    /**
     * One rule set's files as archived: the manifest text, each DRL file's text by file name, and an area's data
     * files (bank holidays, MARAC calendar) by path under the rules directory; {@code data} is absent (null) in
     * rows archived before calendars existed, whose hashes covered no data.
     */
    record ArchivedFiles(String manifest, Map<String, String> drl, Map<String, String> data) {
    }

    private static final TypeReference<List<ArchivedFiles>> FILES = new TypeReference<>() {
    };

    private final JdbcTemplate jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Set<String> known = ConcurrentHashMap.newKeySet();
    private final Map<String, CompiledRuleset> compiled = new ConcurrentHashMap<>();

    RulesetArchive(JdbcTemplate jdbc, JsonMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /**
     * Stores the rule set's files unless already stored. Called inside the decision log's transaction,
     * which holds the chain-head lock, so two writers never insert the same hash.
     */
    void ensureArchived(CompiledRuleset ruleset) {
        String sha = ruleset.sha256();
        if (known.contains(sha)) {
            return;
        }
        Integer stored = jdbc.queryForObject("SELECT COUNT(*) FROM ruleset_archive WHERE sha256 = ?", Integer.class, sha);
        if (stored != null && stored > 0) {
            known.add(sha); // committed earlier, so safe to remember
            return;
        }
        List<ArchivedFiles> files = new ArrayList<>();
        for (RulesetFiles f : ruleset.files()) {
            files.add(new ArchivedFiles(f.manifestText(), f.drl(), f.data()));
        }
        jdbc.update("INSERT INTO ruleset_archive (sha256, area, version, files, archived_at) VALUES (?, ?, ?, ?, ?)",
                sha, ruleset.id().area(), ruleset.id().version(), json.writeValueAsString(files),
                clock.instant().atOffset(ZoneOffset.UTC));
    }

    /** The archived rule set with this hash, compiled (once per process); empty if never archived. */
    Optional<CompiledRuleset> load(String sha256) {
        CompiledRuleset cached = compiled.get(sha256);
        if (cached != null) {
            return Optional.of(cached);
        }
        List<String> stored = jdbc.queryForList("SELECT files FROM ruleset_archive WHERE sha256 = ?", String.class, sha256);
        if (stored.isEmpty()) {
            return Optional.empty();
        }
        List<RulesetFiles> files = new ArrayList<>();
        String where = "archive/" + sha256.substring(0, 12);
        for (ArchivedFiles f : json.readValue(stored.get(0), FILES)) {
            files.add(RulesetFiles.of(f.manifest(), f.drl(), f.data() == null ? Map.of() : f.data(), where));
        }
        CompiledRuleset ruleset = RulesetLoader.compile(files, where);
        if (!ruleset.sha256().equals(sha256)) {
            throw new ArchiveTamperedException("the archived rule set " + sha256 + " now hashes to " + ruleset.sha256());
        }
        compiled.put(sha256, ruleset);
        return Optional.of(ruleset);
    }

    /** The archived files do not hash to the key they are stored under: they were changed after archiving. */
    static final class ArchiveTamperedException extends RuntimeException {
        ArchiveTamperedException(String message) {
            super(message);
        }
    }
}
