package org.referraldecisions.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.stream.Stream;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyGenerator;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data keys the decision log's bodies are encrypted under: one AES-256 key per calendar month (UTC) of
 * {@code decided_at}, each kept in its own file outside the database ({@code referrals.decision-log.key-dir}),
 * wrapped (AES-GCM) by the master key from {@code referrals.decision-log.master-key-file}. Retention destroys a
 * month's key file and leaves a tombstone saying when: from then on that month's bodies cannot be read from the
 * database file, its backups or its replicas, whoever holds them. Keys and the master key are never logged.
 *
 * <p>Several instances on one host share the directory: a new month's key is created with an atomic
 * no-replace link, so two instances never end up with different keys for one month.
 */
final class DataKeys {

    private static final Logger log = LoggerFactory.getLogger(DataKeys.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    /** A month's key could not be used: destroyed under retention (with when), or missing/unreadable. */
    static final class KeyUnavailableException extends RuntimeException {
        private final transient Instant destroyedAt;

        KeyUnavailableException(String message, Instant destroyedAt) {
            super(message);
            this.destroyedAt = destroyedAt;
        }

        /** When retention destroyed the key, or null if it was not destroyed by retention (lost, unreadable). */
        Instant destroyedAt() {
            return destroyedAt;
        }
    }

    private final Path dir;
    private final Path masterKeyFile;
    private final SecretKey master;
    private final ConcurrentMap<String, SecretKey> cache = new ConcurrentHashMap<>();

    /**
     * Opens the key directory with the master key, creating either (owner-only) if absent when {@code generate}.
     * Fails, naming the file, if the master key does not open a data key already there (a wrong master key).
     */
    DataKeys(Path masterKeyFile, Path dir, boolean generate) {
        this.dir = dir;
        this.masterKeyFile = masterKeyFile;
        this.master = readOrCreateMaster(masterKeyFile, generate);
        try {
            OwnerOnly.createDirectories(dir);
            try (Stream<Path> files = Files.list(dir)) {
                files.filter(f -> f.getFileName().toString().endsWith(".key")).sorted().forEach(f -> {
                    String period = f.getFileName().toString().replace(".key", "");
                    cache.put(period, unwrap(period, f));
                });
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the decision log's data key directory " + dir, e);
        }
    }

    /**
     * From the service's settings: {@code referrals.decision-log.master-key-file} (default
     * {@code ./data/decision-log-master.key}), {@code referrals.decision-log.key-dir} (default
     * {@code ./data/decision-log-keys}) and {@code referrals.decision-log.generate-master-key} (default true: a
     * missing master key is generated, for development and tests; set false in production so a missing key
     * stops the service instead of starting a log nobody can read later).
     */
    static DataKeys fromSettings(org.springframework.core.env.PropertyResolver settings) {
        return new DataKeys(Path.of(settings.getProperty("referrals.decision-log.master-key-file", "./data/decision-log-master.key")),
                Path.of(settings.getProperty("referrals.decision-log.key-dir", "./data/decision-log-keys")),
                settings.getProperty("referrals.decision-log.generate-master-key", Boolean.class, true));
    }

    /** The period (month, UTC) a decision's body is encrypted under, e.g. {@code 2026-11}. */
    static String periodOf(Instant decidedAt) {
        return YearMonth.from(decidedAt.atOffset(ZoneOffset.UTC)).toString();
    }

    /** The key to encrypt a new body of this period with, created (and stored wrapped) on first use. */
    SecretKey forWriting(String period) {
        SecretKey key = cache.get(period);
        if (key != null) {
            return key;
        }
        synchronized (this) {
            return cache.computeIfAbsent(period, this::createOrLoad);
        }
    }

    /** The key to decrypt a body of this period with; says plainly when it was destroyed by retention. */
    SecretKey forReading(String period) {
        Optional<Instant> destroyed = destroyedAt(period);
        if (destroyed.isPresent()) {
            cache.remove(period);
            throw new KeyUnavailableException("the data key for " + period + " was destroyed under the retention period at "
                    + destroyed.get() + ", so this decision's request and response can no longer be read", destroyed.get());
        }
        SecretKey key = cache.get(period);
        if (key != null) {
            return key;
        }
        Path file = keyFile(period);
        if (!Files.exists(file)) {
            throw new KeyUnavailableException("the data key for " + period + " is missing from " + dir
                    + " (not destroyed by retention: restore it from the key directory's backup)", null);
        }
        return cache.computeIfAbsent(period, p -> unwrap(p, file));
    }

    /** When retention destroyed the period's key, if it did (its tombstone file). */
    Optional<Instant> destroyedAt(String period) {
        Path tombstone = dir.resolve(period + ".destroyed");
        if (!Files.exists(tombstone)) {
            return Optional.empty();
        }
        try {
            return Optional.of(Instant.parse(Files.readString(tombstone, StandardCharsets.US_ASCII).strip()));
        } catch (IOException | RuntimeException e) {
            return Optional.of(Instant.EPOCH);
        }
    }

    /**
     * Destroys the keys of every month that ended at or before {@code cutoff}: writes the tombstone first (so a
     * crash in between leaves "destroyed", never "lost"), then deletes the key file. Returns the months destroyed.
     */
    synchronized java.util.List<String> destroyBefore(Instant cutoff, Instant now) {
        YearMonth lastWhole = YearMonth.from(cutoff.atOffset(ZoneOffset.UTC)).minusMonths(1);
        java.util.List<String> destroyed = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".key")).sorted().toList()) {
                String period = f.getFileName().toString().replace(".key", "");
                if (!YearMonth.parse(period).isAfter(lastWhole)) {
                    OwnerOnly.writeAtomically(dir.resolve(period + ".destroyed"), (now + "\n").getBytes(StandardCharsets.US_ASCII));
                    Files.delete(f);
                    OwnerOnly.syncDirectory(dir);
                    cache.remove(period);
                    destroyed.add(period);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot destroy data keys in " + dir, e);
        }
        return destroyed;
    }

    private SecretKey createOrLoad(String period) {
        Path file = keyFile(period);
        if (destroyedAt(period).isPresent()) {
            throw new IllegalStateException("the data key for " + period + " was destroyed under the retention period; "
                    + "no body of that month can be written (is the clock right?)");
        }
        if (!Files.exists(file)) {
            try {
                KeyGenerator generator = KeyGenerator.getInstance("AES");
                generator.init(256, RANDOM);
                SecretKey key = generator.generateKey();
                Path temp = OwnerOnly.writeTemp(dir, wrap(period, key));
                try {
                    // A hard link fails if the file exists: the first instance to create the month's key wins.
                    Files.createLink(file, temp);
                    // The key must survive a power cut before any body sealed under it is acknowledged.
                    OwnerOnly.syncDirectory(dir);
                    log.info("created the decision log data key for {} in {}", period, dir);
                } catch (FileAlreadyExistsException raced) {
                    // another instance created it first; use theirs (below)
                } finally {
                    Files.deleteIfExists(temp);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create the data key for " + period + " in " + dir, e);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
        return unwrap(period, file);
    }

    private Path keyFile(String period) {
        return dir.resolve(period + ".key");
    }

    private byte[] wrap(String period, SecretKey key) throws GeneralSecurityException {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        Cipher cipher = Cipher.getInstance(TRANSFORMATION);
        cipher.init(Cipher.ENCRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(aad(period));
        byte[] sealed = cipher.doFinal(key.getEncoded());
        byte[] out = new byte[NONCE_BYTES + sealed.length];
        System.arraycopy(nonce, 0, out, 0, NONCE_BYTES);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return (Base64.getEncoder().encodeToString(out) + "\n").getBytes(StandardCharsets.US_ASCII);
    }

    private SecretKey unwrap(String period, Path file) {
        try {
            byte[] in = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, master, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(aad(period));
            return new SecretKeySpec(cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES), "AES");
        } catch (AEADBadTagException e) {
            throw new IllegalStateException("the master key in " + masterKeyFile + " does not open the decision log's data key "
                    + file + ": wrong master key (referrals.decision-log.master-key-file), or the key file was altered");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the data key " + file, e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("the data key " + file + " is not a wrapped key: " + e.getMessage());
        }
    }

    /** The period is bound to its wrapped key, so one month's key file cannot be passed off as another's. */
    private static byte[] aad(String period) {
        return ("referral-decisions data key " + period).getBytes(StandardCharsets.US_ASCII);
    }

    private static SecretKey readOrCreateMaster(Path file, boolean generate) {
        try {
            if (!Files.exists(file)) {
                if (!generate) {
                    throw new IllegalStateException("no master key at " + file + " (referrals.decision-log.master-key-file); "
                            + "create one with: head -c 32 /dev/urandom | base64 > " + file + " && chmod 600 " + file);
                }
                byte[] key = new byte[32];
                RANDOM.nextBytes(key);
                OwnerOnly.createDirectories(file.toAbsolutePath().getParent());
                Path temp = OwnerOnly.writeTemp(file.toAbsolutePath().getParent(),
                        (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII));
                try {
                    Files.createLink(file, temp);
                    log.warn("generated a new decision log master key at {} (owner-only); keep it, and a copy apart from the database: "
                            + "without it no logged body can be read", file);
                } catch (FileAlreadyExistsException raced) {
                    // another instance generated it first
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
            byte[] key = Base64.getDecoder().decode(Files.readString(file, StandardCharsets.US_ASCII).strip());
            if (key.length != 32) {
                throw new IllegalStateException("the master key in " + file + " is " + key.length + " bytes; it must be 32 (base64)");
            }
            return new SecretKeySpec(key, "AES");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision log master key " + file, e);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("the master key in " + file + " is not base64: " + e.getMessage());
        }
    }

    /** Files and directories readable by the service's user only (0600 / 0700). */
    static final class OwnerOnly {
        private OwnerOnly() {
        }

        static void createDirectories(Path dir) throws IOException {
            Files.createDirectories(dir);
            restrict(dir);
        }

        static void restrict(Path path) {
            try {
                if (Files.isDirectory(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rwx------"));
                } else if (Files.exists(path)) {
                    Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
                }
            } catch (UnsupportedOperationException | IOException e) {
                // not a POSIX file system (e.g. Windows): its ACLs apply
            }
        }

        /**
         * An embedded H2 file database ({@code jdbc:h2:file:PATH} or {@code jdbc:h2:PATH}): its directory is created
         * owner-only (0700) or made so, and its files owner-only (0600). Anything else is left alone.
         */
        static void restrictEmbeddedDatabase(String url) {
            if (url == null || !url.startsWith("jdbc:h2:") || url.startsWith("jdbc:h2:mem:") || url.startsWith("jdbc:h2:tcp:")
                    || url.startsWith("jdbc:h2:ssl:")) {
                return;
            }
            String path = url.substring("jdbc:h2:".length());
            path = path.startsWith("file:") ? path.substring("file:".length()) : path;
            path = path.contains(";") ? path.substring(0, path.indexOf(';')) : path;
            path = path.startsWith("~") ? System.getProperty("user.home") + path.substring(1) : path;
            Path base = Path.of(path).toAbsolutePath();
            try {
                createDirectories(base.getParent());
                try (Stream<Path> files = Files.list(base.getParent())) {
                    files.filter(f -> f.getFileName().toString().startsWith(base.getFileName().toString() + "."))
                            .forEach(OwnerOnly::restrict);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot prepare the decision log's directory " + base.getParent(), e);
            }
        }

        static Path writeTemp(Path dir, byte[] content) throws IOException {
            Path temp;
            try {
                temp = Files.createTempFile(dir, ".new-", ".tmp", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                temp = Files.createTempFile(dir, ".new-", ".tmp");
            }
            try (var channel = java.nio.channels.FileChannel.open(temp, java.nio.file.StandardOpenOption.WRITE)) {
                channel.write(java.nio.ByteBuffer.wrap(content));
                channel.force(true);
            }
            return temp;
        }

        static void writeAtomically(Path target, byte[] content) throws IOException {
            Path temp = writeTemp(target.getParent(), content);
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            syncDirectory(target.getParent());
        }

        /** Makes a directory's new or removed entries durable (POSIX: fsync of the directory). */
        static void syncDirectory(Path dir) {
            try (var channel = java.nio.channels.FileChannel.open(dir, java.nio.file.StandardOpenOption.READ)) {
                channel.force(true);
            } catch (IOException e) {
                // not supported here (e.g. Windows); the entry is still written
            }
        }
    }
}
