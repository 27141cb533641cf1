package org.referraldecisions.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Checkpoints are signed by BouncyCastle for speed and verified by the JDK's own provider: Ed25519 is deterministic,
 * so the two must give the same bytes for every message, and what one signs the other verifies.
 */
class SigningKeyTests {

    @Test
    void bouncyCastleSignsExactlyAsTheJdkDoes(@TempDir Path temp) {
        SigningKey key = SigningKey.generate(temp.resolve("log.key"));
        Random random = new Random(20261128);
        for (int length : new int[] {0, 1, 31, 32, 33, 64, 200, 1_000, 10_000}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            byte[] signature = key.sign(message);
            assertThat(signature).as("length %d", length).hasSize(64).isEqualTo(key.signWithJdk(message));
            assertThat(key.verifies(message, signature)).isTrue();
            if (length > 0) {
                message[random.nextInt(length)] ^= 1;
                assertThat(key.verifies(message, signature)).as("a changed message, length %d", length).isFalse();
            }
        }
    }

    @Test
    void aKeyReadBackFromItsFileSignsTheSame(@TempDir Path temp) {
        Path file = temp.resolve("log.key");
        SigningKey written = SigningKey.generate(file);
        SigningKey read = SigningKey.read(file);
        byte[] message = "checkpoint".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(read.keyId()).isEqualTo(written.keyId());
        assertThat(read.sign(message)).isEqualTo(written.sign(message)).isEqualTo(written.signWithJdk(message));
    }
}
