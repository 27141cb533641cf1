package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.referraldecisions.Fixtures;
import tools.jackson.databind.json.JsonMapper;

/** How bodies are stored: compressed and encrypted, opened byte for byte, and unreadable once their key is gone. */
class SealedBodiesTests {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path temp;

    @Test
    void everyGoldenRequestRoundTripsByteForByte() throws IOException {
        SealedBodies bodies = new SealedBodies(new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true));
        List<Path> cases;
        try (Stream<Path> files = Files.walk(Fixtures.CASES)) {
            cases = files.filter(f -> f.toString().endsWith(".json")).sorted().toList();
        }
        assertThat(cases).hasSizeGreaterThan(100);
        for (Path file : cases) {
            String request = JSON.writeValueAsString(JSON.readTree(file.toFile()).path("request"));
            // A response-shaped body with characters outside ASCII, so the UTF-8 round trip is tested too.
            String response = "{\"decisionId\":\"" + file.getFileName() + "\",\"note\":\"Zoë – “quoted” ✓\",\"echo\":" + request + "}";
            byte[] sealed = bodies.seal("id-" + file.getFileName(), "2026-11", request, response);
            SealedBodies.Bodies opened = bodies.open("id-" + file.getFileName(), "2026-11", sealed);
            assertThat(opened.requestJson()).as(file.toString()).isEqualTo(request);
            assertThat(opened.responseJson()).as(file.toString()).isEqualTo(response);
            assertThat(Sha256.hex(opened.responseJson())).isEqualTo(Sha256.hex(response));
        }
    }

    @Test
    void theSealedBytesHoldNoPlaintextAndAreSmall() {
        SealedBodies bodies = new SealedBodies(new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true));
        String request = DecisionLogContract.CASE.formatted("MARKER-CASE-7f3a").replace("\n", "");
        byte[] sealed = bodies.seal("d-1", "2026-11", request, request);
        assertThat(new String(sealed, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("MARKER-CASE-7f3a", "cleveland");
        // Compression (with the dictionary) then encryption: far smaller than the two bodies.
        assertThat(sealed.length).isLessThan(request.length());
    }

    @Test
    void anAlteredOrMovedBodyIsRefusedNotReturned() {
        SealedBodies bodies = new SealedBodies(new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true));
        byte[] sealed = bodies.seal("d-1", "2026-11", "{\"a\":1}", "{\"refer\":true}");
        byte[] altered = sealed.clone();
        altered[altered.length - 20] ^= 1;
        assertThatThrownBy(() -> bodies.open("d-1", "2026-11", altered)).isInstanceOf(SealedBodies.UnreadableBodyException.class)
                .hasMessageContaining("authentication tag");
        // The decision id is the associated data: the same bytes under another record do not open.
        assertThatThrownBy(() -> bodies.open("d-2", "2026-11", sealed)).isInstanceOf(SealedBodies.UnreadableBodyException.class);
    }

    @Test
    void everyCompressedFormEverWrittenStillOpensAndTheNewestIsZstandard() {
        String request = DecisionLogContract.CASE.formatted("FORMS-1").replace("\n", "");
        LoggedResponse response = new LoggedResponse("{\"decisionId\":\"d-1\",\"note\":\"Zoë ✓\",\"firedRules\":[]}", new int[] {0, 7, 65535});
        byte[] second = SealedBodies.compressAsSecondForm(request, response);
        byte[] third = SealedBodies.compress(request, response);
        assertThat(second[0]).isEqualTo((byte) 2);
        assertThat(third[0]).isEqualTo((byte) 3);
        for (byte[] stored : List.of(second, third)) {
            SealedBodies.Bodies opened = SealedBodies.decompress(stored);
            assertThat(opened.requestJson()).isEqualTo(request);
            assertThat(opened.compact().skeleton()).isEqualTo(response.skeleton());
            assertThat(opened.compact().rules()).containsExactly(0, 7, 65535);
        }
        byte[] first = SealedBodies.compress(request, "{\"whole\":true}");
        assertThat(first[0]).isEqualTo((byte) 1);
        assertThat(SealedBodies.decompress(first).responseJson()).isEqualTo("{\"whole\":true}");
    }

    @Test
    void aDamagedOrUnknownCompressedFormIsUnreadableNotAGuess() {
        byte[] third = SealedBodies.compress("{\"r\":1}", new LoggedResponse("{\"firedRules\":[]}", new int[0]));
        byte[] truncated = java.util.Arrays.copyOf(third, third.length - 3);
        assertThatThrownBy(() -> SealedBodies.decompress(truncated)).isInstanceOf(SealedBodies.UnreadableBodyException.class);
        byte[] garbled = third.clone();
        for (int i = 1; i < garbled.length; i++) {
            garbled[i] = (byte) 0xA5;
        }
        assertThatThrownBy(() -> SealedBodies.decompress(garbled)).isInstanceOf(SealedBodies.UnreadableBodyException.class);
        byte[] unknown = third.clone();
        unknown[0] = 4;
        assertThatThrownBy(() -> SealedBodies.decompress(unknown)).isInstanceOf(SealedBodies.UnreadableBodyException.class)
                .hasMessageContaining("unknown compression");
    }

    @Test
    void aWrongMasterKeyFailsClearlyAtStart() throws IOException {
        DataKeys first = new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true);
        first.forWriting("2026-11");
        Path other = temp.resolve("other-master.key");
        new DataKeys(other, temp.resolve("other-keys"), true);
        assertThatThrownBy(() -> new DataKeys(other, temp.resolve("keys"), false)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("wrong master key").hasMessageContaining("2026-11.key")
                .hasMessageNotContaining(Files.readString(other).strip());
        assertThatThrownBy(() -> new DataKeys(temp.resolve("absent.key"), temp.resolve("keys"), false))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("no master key at");
    }

    @Test
    void destroyingAMonthsKeyMakesItsBodiesUnreadableAndSaysWhen() {
        DataKeys keys = new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true);
        SealedBodies bodies = new SealedBodies(keys);
        byte[] october = bodies.seal("d-oct", "2026-10", "{\"r\":1}", "{\"s\":1}");
        byte[] november = bodies.seal("d-nov", "2026-11", "{\"r\":2}", "{\"s\":2}");
        Instant now = Instant.parse("2033-11-20T02:30:00Z");
        // Cutoff in November: October is wholly past it, November is not.
        assertThat(keys.destroyBefore(Instant.parse("2026-11-20T00:00:00Z"), now)).containsExactly("2026-10");
        assertThatThrownBy(() -> bodies.open("d-oct", "2026-10", october)).isInstanceOf(DataKeys.KeyUnavailableException.class)
                .hasMessageContaining("destroyed under the retention period").satisfies(e ->
                        assertThat(((DataKeys.KeyUnavailableException) e).destroyedAt()).isEqualTo(now));
        assertThat(bodies.open("d-nov", "2026-11", november).requestJson()).isEqualTo("{\"r\":2}");
        // Also for another instance (or a restored backup) opening the same key directory afterwards.
        DataKeys reopened = new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), false);
        assertThatThrownBy(() -> new SealedBodies(reopened).open("d-oct", "2026-10", october)).isInstanceOf(DataKeys.KeyUnavailableException.class);
        assertThatThrownBy(() -> reopened.forWriting("2026-10")).isInstanceOf(IllegalStateException.class).hasMessageContaining("destroyed");
    }

    @Test
    void keysAndTheirDirectoryAreOwnerOnly() throws IOException {
        DataKeys keys = new DataKeys(temp.resolve("master.key"), temp.resolve("keys"), true);
        keys.forWriting("2026-11");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("master.key")))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("keys")))).isEqualTo("rwx------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(temp.resolve("keys/2026-11.key")))).isEqualTo("rw-------");
    }
}
