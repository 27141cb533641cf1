package org.referraldecisions.ruleset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputFilter;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import org.drools.base.common.DroolsObjectInputStream;
import org.drools.base.common.DroolsObjectOutputStream;
import org.drools.base.definitions.impl.KnowledgePackageImpl;
import org.kie.api.definition.KiePackage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The compiled form of each rule set's own DRL, kept on disk so that start-up, reload and every CLI command
 * compile only the rule sets that changed. Compiling one rule set takes Drools 0.3-6 s; reading it back, a few
 * milliseconds.
 *
 * <p>An entry is named by a key: the SHA-256 of everything the compiled form depends on (the rule set's own
 * files and where they are shown from, the Drools and Java versions, this format). It is never trusted on its
 * name alone: the entry repeats its key and the SHA-256 of its content, both checked when it is read, and only
 * Drools' own classes, the JDK's and the rule set's own packages may be deserialised from it. An entry that fails
 * any check, or does not load, is logged and the rule set compiled instead (and the entry rewritten). Only what
 * compiled without problems is written, so a cache never hides a compilation error. Rule sets read from the cache
 * are still checked (citations, explanations, parameters) and gated by golden cases like any other.
 *
 * <p>The directory is created owner-only: an entry is executable code, so whoever may write the cache may
 * change the rules. Keep it beside the decision log ({@code data/}), never on a shared volume.
 */
public final class CompiledRulesCache {

    private static final Logger log = LoggerFactory.getLogger(CompiledRulesCache.class);

    /** Bump when what is written changes. */
    private static final String FORMAT = "referral-decisions compiled rules 1";
    private static final byte[] MAGIC = (FORMAT + "\n").getBytes(StandardCharsets.US_ASCII);
    private static final String SUFFIX = ".drlc";
    /**
     * What an entry may contain besides the rule set's own packages and the packages its DRL imports (the fact
     * types the rules test, e.g. enum constants in constraints; its generated classes are held as bytes): the
     * JDK's and Drools' types.
     */
    private static final List<String> ALLOWED = List.of("java.", "org.drools.", "org.kie.", "org.mvel2.");
    private static final long MAX_ENTRY_BYTES = 64L * 1024 * 1024;

    /** No cache: every rule set is compiled (tests, and callers that did not ask for one). */
    static final CompiledRulesCache NONE = new CompiledRulesCache(null);

    private static volatile CompiledRulesCache current = NONE;

    private final Path directory;
    private final AtomicInteger read = new AtomicInteger();
    private final AtomicInteger compiled = new AtomicInteger();

    private CompiledRulesCache(Path directory) {
        this.directory = directory;
    }

    /** Rule sets read back from this cache so far. */
    public int read() {
        return read.get();
    }

    /** Rule sets compiled (and, if they compiled cleanly, stored) so far because no sound entry existed. */
    public int compiled() {
        return compiled.get();
    }

    /**
     * From now on rule sets are compiled through a cache in {@code directory} (created if absent); null or an
     * empty path turns the cache off. Called once by each door at start-up (service, CLI).
     */
    public static void use(Path directory) {
        current = directory == null || directory.toString().isBlank() ? NONE : new CompiledRulesCache(directory);
    }

    /** The cache in use (the {@code NONE} cache when there is none). */
    public static CompiledRulesCache current() {
        return current;
    }

    /** The compiled packages of {@code files}: from the cache when a sound entry exists, else {@code compile} (then stored). */
    Collection<KiePackage> packages(RulesetFiles files, String displayRoot, Set<String> ownPackages, Supplier<Collection<KiePackage>> compile) {
        if (directory == null) {
            return compile.get();
        }
        String key = key(files, displayRoot);
        Path entry = directory.resolve(files.manifest().area() + "@" + files.manifest().version() + "-" + key.substring(0, 32) + SUFFIX);
        Collection<KiePackage> cached = read(entry, key, ownPackages, files.manifest().id());
        if (cached != null) {
            read.incrementAndGet();
            return cached;
        }
        compiled.incrementAndGet();
        Collection<KiePackage> fresh = compile.get();
        write(entry, key, fresh, files.manifest().id());
        return fresh;
    }

    private static Collection<KiePackage> read(Path entry, String key, Set<String> ownPackages, RulesetId id) {
        byte[] bytes;
        try {
            if (Files.size(entry) > MAX_ENTRY_BYTES) {
                log.warn("compiled-rules cache: {} is larger than any entry could be; compiling {}", entry, id);
                return null;
            }
            bytes = Files.readAllBytes(entry);
        } catch (NoSuchFileException absent) {
            return null;
        } catch (IOException e) {
            log.warn("compiled-rules cache: cannot read {} ({}); compiling {}", entry, e.getMessage(), id);
            return null;
        }
        int header = MAGIC.length + 65 + 65; // magic, key line, content-hash line
        if (bytes.length <= header || !Arrays.equals(bytes, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
            log.warn("compiled-rules cache: {} is not an entry of this format; compiling {}", entry, id);
            return null;
        }
        String storedKey = new String(bytes, MAGIC.length, 64, StandardCharsets.US_ASCII);
        String storedHash = new String(bytes, MAGIC.length + 65, 64, StandardCharsets.US_ASCII);
        byte[] content = Arrays.copyOfRange(bytes, header, bytes.length);
        if (!storedKey.equals(key)) {
            log.warn("compiled-rules cache: {} was compiled from other files than {} has now; compiling", entry, id);
            return null;
        }
        if (!storedHash.equals(hex(sha256(content)))) {
            log.warn("compiled-rules cache: {} does not match its own hash (damaged or altered); compiling {}", entry, id);
            return null;
        }
        try (ObjectInputStream in = new DroolsObjectInputStream(new ByteArrayInputStream(content), RulesetCompiler.class.getClassLoader())) {
            in.setObjectInputFilter(filter(ownPackages));
            Object read = in.readObject();
            List<KiePackage> packages = new ArrayList<>();
            for (Object p : (List<?>) read) {
                packages.add((KiePackage) p);
            }
            return packages;
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalStateException e) {
            log.warn("compiled-rules cache: {} does not load ({}); compiling {}", entry, e, id);
            return null;
        }
    }

    private void write(Path entry, String key, Collection<KiePackage> packages, RulesetId id) {
        try {
            ByteArrayOutputStream content = new ByteArrayOutputStream();
            try (ObjectOutputStream out = new DroolsObjectOutputStream(content)) {
                out.writeObject(new ArrayList<>(packages));
            }
            byte[] body = content.toByteArray();
            ByteArrayOutputStream whole = new ByteArrayOutputStream(body.length + 256);
            whole.write(MAGIC);
            whole.write((key + "\n" + hex(sha256(body)) + "\n").getBytes(StandardCharsets.US_ASCII));
            whole.write(body);
            createOwnerOnly(directory);
            // Written aside and moved into place, so a reader never sees half an entry.
            Path partial = Files.createTempFile(directory, "entry", ".partial");
            try {
                Files.write(partial, whole.toByteArray());
                try {
                    Files.move(partial, entry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, entry, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException | RuntimeException e) {
            // A cache that cannot be written costs time, never a decision.
            log.warn("compiled-rules cache: cannot write {} for {} ({}); it will be compiled again next time", entry, id, e.toString());
        }
    }

    private static void createOwnerOnly(Path directory) throws IOException {
        if (Files.isDirectory(directory)) {
            return;
        }
        try {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
        } catch (UnsupportedOperationException notPosix) {
            Files.createDirectories(directory);
        } catch (FileAlreadyExistsException raced) {
            // another compiler thread made it
        }
    }

    /** Only classes an entry may legitimately hold; anything else (a planted gadget) fails the read, and the rule set is compiled. */
    private static ObjectInputFilter filter(Set<String> ownPackages) {
        return info -> {
            if (info.depth() > 200 || info.references() > 5_000_000) {
                return ObjectInputFilter.Status.REJECTED;
            }
            Class<?> type = info.serialClass();
            if (type == null) {
                return ObjectInputFilter.Status.UNDECIDED;
            }
            String name = type.isArray() ? type.getComponentType().getName() : type.getName();
            if (type.isArray() && type.getComponentType().isPrimitive()) {
                return ObjectInputFilter.Status.ALLOWED;
            }
            for (String prefix : ALLOWED) {
                if (name.startsWith(prefix)) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
            }
            int dot = name.lastIndexOf('.');
            String pkg = dot < 0 ? "" : name.substring(0, dot);
            for (String own : ownPackages) {
                if (pkg.equals(own) || pkg.startsWith(own + ".")) {
                    return ObjectInputFilter.Status.ALLOWED;
                }
            }
            return ObjectInputFilter.Status.REJECTED;
        };
    }

    /** Everything the compiled form depends on. */
    static String key(RulesetFiles files, String displayRoot) {
        MessageDigest digest = newDigest();
        for (String part : List.of(FORMAT, droolsVersion(), Runtime.version().toString(), displayRoot,
                RulesetHasher.sha256(files, List.of()))) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            digest.update((bytes.length + ":").getBytes(StandardCharsets.US_ASCII));
            digest.update(bytes);
        }
        return hex(digest.digest());
    }

    private static String droolsVersion() {
        String version = KnowledgePackageImpl.class.getPackage().getImplementationVersion();
        // Without a manifest version, the jar's own location names it (…/drools-base-10.2.0.jar).
        return version != null ? version : String.valueOf(KnowledgePackageImpl.class.getProtectionDomain().getCodeSource().getLocation());
    }

    private static byte[] sha256(byte[] bytes) {
        return newDigest().digest(bytes);
    }

    private static String hex(byte[] bytes) {
        return HexFormat.of().formatHex(bytes);
    }

    private static MessageDigest newDigest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java runtime", e);
        }
    }
}
