package org.referraldecisions.audit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * The append-only checkpoint file of one service instance ({@code <checkpoint-dir>/<instance>.jsonl}): every signed
 * checkpoint, one JSON object a line, appended and forced to disk after its group commits and before any decision of
 * the group is answered. It lives outside the database, so a database writer who removes the newest records (and
 * their checkpoint rows) is caught: the file names a sequence number the log no longer reaches. Several instances on one
 * database each write their own file; {@code verify} reads every {@code *.jsonl} file in the directory.
 */
final class CheckpointFile implements AutoCloseable {

    static final String SUFFIX = ".jsonl";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Path file;
    private final long syncNanos;
    private FileChannel channel;
    private long lastForce;
    private boolean unforced;

    CheckpointFile(Path directory, String instance) {
        this(directory, instance, java.time.Duration.ZERO);
    }

    /**
     * {@code syncInterval}: each line is written (so it survives the process being killed) before its decisions are
     * answered, and forced to disk when the last force is at least this long ago, and on close. Zero forces every line.
     * A line lost to a power cut makes verification weaker for that moment, never a false alarm: the file is written
     * after the database commit, so it is never ahead of the database.
     */
    CheckpointFile(Path directory, String instance, java.time.Duration syncInterval) {
        this.syncNanos = syncInterval.toNanos();
        if (!instance.matches("[A-Za-z0-9._-]{1,64}")) {
            throw new IllegalArgumentException("referrals.decision-log.instance must be 1 to 64 letters, digits, '.', '_' or '-'");
        }
        this.file = directory.resolve(instance + SUFFIX);
    }

    Path path() {
        return file;
    }

    /** Appends the checkpoint, forcing it to disk as the sync interval says. */
    synchronized void append(Checkpoint c) {
        try {
            if (channel == null) {
                Files.createDirectories(file.toAbsolutePath().getParent());
                channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
            }
            ByteBuffer line = ByteBuffer.wrap((toJson(c) + "\n").getBytes(StandardCharsets.UTF_8));
            while (line.hasRemaining()) {
                channel.write(line);
            }
            long now = System.nanoTime();
            if (syncNanos == 0 || now - lastForce >= syncNanos) {
                channel.force(false);
                lastForce = now;
                unforced = false;
            } else {
                unforced = true;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the checkpoint file " + file, e);
        }
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            if (unforced) {
                channel.force(false);
            }
            channel.close();
            channel = null;
        }
    }

    /** The checkpoint files in a directory (none if it does not exist). */
    static List<Path> filesIn(Path directory) {
        if (directory == null || !Files.isDirectory(directory)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the checkpoint directory " + directory, e);
        }
    }

    /** A line of a file: its checkpoint, or why it could not be read (a torn last line after a crash is said so). */
    record Line(Path file, int number, Checkpoint checkpoint, String problem) {
    }

    /**
     * Reads a file's lines in order, one at a time, until {@code visit} returns something other than null, and returns
     * that (null if it never does). One at a time because a file holds a line per group commit: millions under
     * sustained load, more than a heap should hold at once.
     */
    static <R> R scan(Path file, Function<Line, R> visit) {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            int number = 0;
            for (String text; (text = reader.readLine()) != null; ) {
                number++;
                if (text.isBlank()) {
                    continue;
                }
                Line line;
                try {
                    line = new Line(file, number, fromJson(JSON.readTree(text)), null);
                } catch (RuntimeException e) {
                    line = new Line(file, number, null, "line " + number + " is not a checkpoint");
                }
                R result = visit.apply(line);
                if (result != null) {
                    return result;
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the checkpoint file " + file, e);
        }
        return null;
    }

    static String toJson(Checkpoint c) {
        ObjectNode node = JSON.createObjectNode();
        node.put("keyId", c.keyId());
        node.put("logId", c.logId());
        node.put("firstSeq", c.firstSeq());
        node.put("lastSeq", c.lastSeq());
        node.put("treeRoot", c.treeRoot());
        node.put("headHash", c.headHash());
        node.put("keyedFrom", c.keyedFrom());
        node.put("signedAt", c.signedAt().toString());
        node.put("signature", c.signature());
        return JSON.writeValueAsString(node);
    }

    static Checkpoint fromJson(JsonNode node) {
        for (String field : List.of("keyId", "logId", "firstSeq", "lastSeq", "treeRoot", "headHash", "keyedFrom", "signedAt", "signature")) {
            if (node.path(field).isMissingNode() || node.path(field).isNull()) {
                throw new IllegalArgumentException("checkpoint without " + field);
            }
        }
        return new Checkpoint(node.path("keyId").asString(), node.path("logId").asString(), node.path("firstSeq").asLong(), node.path("lastSeq").asLong(),
                node.path("treeRoot").asString(), node.path("headHash").asString(), node.path("keyedFrom").asLong(),
                Instant.parse(node.path("signedAt").asString()), node.path("signature").asString());
    }
}
