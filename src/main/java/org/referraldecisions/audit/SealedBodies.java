package org.referraldecisions.audit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdCompressCtx;
import com.github.luben.zstd.ZstdDecompressCtx;
import com.github.luben.zstd.ZstdDictCompress;
import com.github.luben.zstd.ZstdDictContentType;
import com.github.luben.zstd.ZstdDictDecompress;
import com.github.luben.zstd.ZstdException;

/**
 * How a decision's request and response are stored: together, compressed (Zstandard, before that raw DEFLATE, with a
 * preset dictionary of the JSON the service writes, so even one small decision compresses well) and encrypted with AES-GCM under the
 * data key of the decision's month (a random 96-bit nonce; the decision id as associated data, so a body cannot be
 * moved to another record). The plaintext bodies are returned byte for byte as they were hashed.
 *
 * <pre>
 * sealed     = format (1 byte, 1) | nonce (12 bytes) | AES-GCM(compressed, aad = "referral-decisions body " + decisionId)
 * compressed = dictionary (1 byte, 1) | DEFLATE(request length (4 bytes) | request UTF-8 | response UTF-8)
 *            | dictionary (1 byte, 2) | DEFLATE(compact)
 *            | dictionary (1 byte, 3) | Zstandard frame(compact), dictionary 2 as raw content
 * compact    = request length (4 bytes) | request UTF-8 | skeleton length (4 bytes) | skeleton UTF-8
 *            | fired rules (2 bytes) | each fired rule's number (2 bytes)
 * </pre>
 *
 * The second form (written since 2026-11-28) stores the response as a {@link LoggedResponse}: its JSON without the
 * fired rules' text, and the fired rules as numbers in the rule set's {@link FiredRuleCatalogue}; two thirds of a
 * response is that text, the same in every decision, so the second form compresses a third as much for a third of
 * the CPU, with a dictionary of 8 KB instead of 32 KB (DEFLATE digests its whole dictionary for every body).
 * The third form (written since the evening of 2026-11-28) holds the same bytes as the second, compressed with
 * Zstandard instead of DEFLATE: zstd digests the dictionary once, when the service starts, where DEFLATE digested all
 * 8 KB of it again for every body, so a body costs a third of the CPU (14.0 against 40.2 us over the golden mix, 888
 * against 865 bytes: JMH {@code BodyCompressionBenchmark}, docs/PERFORMANCE.md), on the deciding threads, where CPU
 * is throughput.
 * A dictionary ({@code body-dictionary-N.txt}) is part of the stored format: it is never edited, a better one is
 * added with the next number. Every form ever written stays readable.
 */
final class SealedBodies {

    /**
     * What a stored body holds: the request as it was hashed, and the response either whole ({@code responseJson}, the
     * first form) or as a {@link LoggedResponse} whose text the rule set's catalogue rebuilds ({@code compact}).
     */
    record Bodies(String requestJson, String responseJson, LoggedResponse compact) {

        Bodies(String requestJson, String responseJson) {
            this(requestJson, responseJson, null);
        }
    }

    /** A stored body that cannot be opened: altered, or sealed under another key. Never a body to trust. */
    static final class UnreadableBodyException extends RuntimeException {
        UnreadableBodyException(String message) {
            super(message);
        }
    }

    private static final byte FORMAT = 1;
    private static final byte WHOLE_RESPONSE = 1;
    private static final byte COMPACT_RESPONSE = 2;
    private static final byte ZSTD_COMPACT_RESPONSE = 3;
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final byte[] DICTIONARY_1 = dictionary("body-dictionary-1.txt");
    private static final byte[] DICTIONARY_2 = dictionary("body-dictionary-2.txt");

    /**
     * DEFLATE level 3: with the dictionary, 1,242 bytes a golden decision for 87 us of CPU, against 1,125 bytes for
     * 155 us at the default level 6 (thread CPU time over the golden mix, docs/PERFORMANCE.md); this runs on the
     * deciding threads, so CPU is throughput.
     */
    private static final int LEVEL = 3;

    // Deflate/Inflate hold native buffers: one per thread, reset between bodies, instead of one per body.
    private static final ThreadLocal<Deflater> DEFLATER = ThreadLocal.withInitial(() -> new Deflater(LEVEL, true));
    private static final ThreadLocal<Inflater> INFLATER = ThreadLocal.withInitial(() -> new Inflater(true));

    /** Zstandard level 3 (its default): at level 1 the golden mix compresses 4 % larger for no less CPU. */
    private static final int ZSTD_LEVEL = 3;
    /** The largest body a third-form frame may claim to hold: a guard against a crafted frame, far above any decision. */
    private static final long ZSTD_MAX_BODY = 16L << 20;
    // Digested once; shared by every thread (zstd's dictionaries are read-only). Contexts are per thread, like Deflaters.
    private static final ZstdDictCompress ZSTD_DICTIONARY = new ZstdDictCompress(DICTIONARY_2, ZSTD_LEVEL, ZstdDictContentType.RAW_CONTENT);
    private static final ZstdDictDecompress ZSTD_DICTIONARY_READ = new ZstdDictDecompress(DICTIONARY_2, ZstdDictContentType.RAW_CONTENT);
    private static final ThreadLocal<ZstdCompressCtx> ZSTD = ThreadLocal.withInitial(() -> new ZstdCompressCtx()
            .loadDict(ZSTD_DICTIONARY).setChecksum(false).setDictID(false).setContentSize(true));
    private static final ThreadLocal<ZstdDecompressCtx> UNZSTD = ThreadLocal.withInitial(() -> new ZstdDecompressCtx().loadDict(ZSTD_DICTIONARY_READ));
    // AES-GCM ciphers per thread: looking one up costs more than sealing a small body (each is re-initialised, with a fresh nonce).
    private static final ThreadLocal<Cipher> CIPHER = ThreadLocal.withInitial(SealedBodies::newCipher);

    private final DataKeys keys;

    SealedBodies(DataKeys keys) {
        this.keys = keys;
    }

    /** Compresses and encrypts a decision's bodies under the key of {@code period} (the first form: the response whole). */
    byte[] seal(String decisionId, String period, String requestJson, String responseJson) {
        return encrypt(decisionId, period, compress(requestJson, responseJson));
    }

    /** Compresses and encrypts a decision's request and {@link LoggedResponse} under the key of {@code period}. */
    byte[] seal(String decisionId, String period, String requestJson, LoggedResponse response) {
        return encrypt(decisionId, period, compress(requestJson, response));
    }

    private byte[] encrypt(String decisionId, String period, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.ENCRYPT_MODE, keys.forWriting(period), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(aad(decisionId));
            byte[] out = new byte[1 + NONCE_BYTES + cipher.getOutputSize(plain.length)];
            out[0] = FORMAT;
            System.arraycopy(nonce, 0, out, 1, NONCE_BYTES);
            cipher.doFinal(plain, 0, plain.length, out, 1 + NONCE_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a decision body", e);
        }
    }

    /**
     * Decrypts and decompresses a decision's bodies. Throws {@link DataKeys.KeyUnavailableException} if the period's
     * key was destroyed (or is missing), {@link UnreadableBodyException} if the sealed bytes were altered.
     */
    Bodies open(String decisionId, String period, byte[] sealed) {
        if (sealed.length < 1 + NONCE_BYTES || sealed[0] != FORMAT) {
            throw new UnreadableBodyException("the stored body is not in a known format");
        }
        byte[] plain;
        try {
            Cipher cipher = CIPHER.get();
            cipher.init(Cipher.DECRYPT_MODE, keys.forReading(period), new GCMParameterSpec(TAG_BITS, sealed, 1, NONCE_BYTES));
            cipher.updateAAD(aad(decisionId));
            plain = cipher.doFinal(sealed, 1 + NONCE_BYTES, sealed.length - 1 - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new UnreadableBodyException("the stored body fails its authentication tag: it was altered, or belongs to another record");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot decrypt a decision body", e);
        }
        return decompress(plain);
    }

    static byte[] compress(String requestJson, String responseJson) {
        byte[] request = requestJson.getBytes(StandardCharsets.UTF_8);
        byte[] response = responseJson.getBytes(StandardCharsets.UTF_8);
        byte[] input = ByteBuffer.allocate(4 + request.length + response.length).putInt(request.length).put(request).put(response).array();
        return deflate(WHOLE_RESPONSE, DICTIONARY_1, input);
    }

    static byte[] compress(String requestJson, LoggedResponse response) {
        byte[] input = compact(requestJson, response);
        byte[] frame = ZSTD.get().compress(input);
        byte[] out = new byte[1 + frame.length];
        out[0] = ZSTD_COMPACT_RESPONSE;
        System.arraycopy(frame, 0, out, 1, frame.length);
        return out;
    }

    /** The second form, as written until the evening of 2026-11-28 (DEFLATE): kept so tests prove such records still open. */
    static byte[] compressAsSecondForm(String requestJson, LoggedResponse response) {
        return deflate(COMPACT_RESPONSE, DICTIONARY_2, compact(requestJson, response));
    }

    private static byte[] compact(String requestJson, LoggedResponse response) {
        byte[] request = requestJson.getBytes(StandardCharsets.UTF_8);
        byte[] skeleton = response.skeleton().getBytes(StandardCharsets.UTF_8);
        int[] rules = response.rules();
        if (rules.length > 0xFFFF) {
            throw new IllegalArgumentException("more fired rules than the stored form can number: " + rules.length);
        }
        ByteBuffer input = ByteBuffer.allocate(4 + request.length + 4 + skeleton.length + 2 + 2 * rules.length)
                .putInt(request.length).put(request).putInt(skeleton.length).put(skeleton).putShort((short) rules.length);
        for (int rule : rules) {
            if (rule < 0 || rule > 0xFFFF) {
                throw new IllegalArgumentException("a fired rule's number out of range: " + rule);
            }
            input.putShort((short) rule);
        }
        return input.array();
    }

    private static byte[] deflate(byte dictionaryId, byte[] dictionary, byte[] input) {
        Deflater deflater = DEFLATER.get();
        deflater.reset();
        deflater.setDictionary(dictionary);
        deflater.setInput(input);
        deflater.finish();
        ByteArrayOutputStream out = new ByteArrayOutputStream(input.length / 3 + 64);
        out.write(dictionaryId);
        byte[] buffer = new byte[4096];
        while (!deflater.finished()) {
            out.write(buffer, 0, deflater.deflate(buffer));
        }
        return out.toByteArray();
    }

    static Bodies decompress(byte[] compressed) {
        if (compressed.length < 1 || compressed[0] < WHOLE_RESPONSE || compressed[0] > ZSTD_COMPACT_RESPONSE) {
            throw new UnreadableBodyException("the stored body names an unknown compression dictionary");
        }
        boolean compact = compressed[0] != WHOLE_RESPONSE;
        ByteBuffer bytes = ByteBuffer.wrap(compressed[0] == ZSTD_COMPACT_RESPONSE ? unzstd(compressed)
                : inflate(compact ? DICTIONARY_2 : DICTIONARY_1, compressed));
        try {
            String request = string(bytes, bytes.getInt());
            if (!compact) {
                return new Bodies(request, string(bytes, bytes.remaining()));
            }
            String skeleton = string(bytes, bytes.getInt());
            int[] rules = new int[Short.toUnsignedInt(bytes.getShort())];
            for (int i = 0; i < rules.length; i++) {
                rules[i] = Short.toUnsignedInt(bytes.getShort());
            }
            if (bytes.hasRemaining()) {
                throw new UnreadableBodyException("the stored body is malformed");
            }
            return new Bodies(request, null, new LoggedResponse(skeleton, rules));
        } catch (java.nio.BufferUnderflowException e) {
            throw new UnreadableBodyException("the stored body is malformed");
        }
    }

    private static byte[] inflate(byte[] dictionary, byte[] compressed) {
        Inflater inflater = INFLATER.get();
        inflater.reset();
        inflater.setDictionary(dictionary);
        inflater.setInput(compressed, 1, compressed.length - 1);
        ByteArrayOutputStream out = new ByteArrayOutputStream(compressed.length * 6);
        byte[] buffer = new byte[8192];
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new UnreadableBodyException("the stored body is truncated");
                }
                out.write(buffer, 0, n);
            }
        } catch (DataFormatException e) {
            throw new UnreadableBodyException("the stored body does not decompress: " + e.getMessage());
        }
        return out.toByteArray();
    }

    private static byte[] unzstd(byte[] compressed) {
        long size = Zstd.getFrameContentSize(compressed, 1, compressed.length - 1);
        if (size < 0 || size > ZSTD_MAX_BODY) {
            throw new UnreadableBodyException("the stored body is not a whole Zstandard frame of a known size");
        }
        try {
            byte[] out = UNZSTD.get().decompress(compressed, 1, compressed.length - 1, (int) size);
            if (out.length != size) {
                throw new UnreadableBodyException("the stored body is truncated");
            }
            return out;
        } catch (ZstdException e) {
            throw new UnreadableBodyException("the stored body does not decompress: " + e.getMessage());
        }
    }

    private static Cipher newCipher() {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM", e);
        }
    }

    private static String string(ByteBuffer bytes, int length) {
        if (length < 0 || length > bytes.remaining()) {
            throw new UnreadableBodyException("the stored body is malformed");
        }
        String text = new String(bytes.array(), bytes.position(), length, StandardCharsets.UTF_8);
        bytes.position(bytes.position() + length);
        return text;
    }

    private static byte[] aad(String decisionId) {
        return ("referral-decisions body " + decisionId).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] dictionary(String resource) {
        try (InputStream in = SealedBodies.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the decision log's compression dictionary " + resource + " is missing from the build");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
