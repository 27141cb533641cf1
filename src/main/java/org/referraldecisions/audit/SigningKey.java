package org.referraldecisions.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 key of the decision log, from the JDK's own providers. With its private half (from a PKCS#8 PEM key file
 * outside the database) it signs checkpoints and keys the record chain; with only its public half (an X.509 PEM file,
 * or the keys endpoint) it checks checkpoints and receipts. Its id is derived from the public key, so a checkpoint or
 * receipt names the key that signed it and keys can rotate.
 */
final class SigningKey {

    private static final String ALGORITHM = "Ed25519";
    /** Domain separation: the chain's HMAC key is derived from, never equal to, the signing key's bytes. */
    private static final byte[] CHAIN_KEY_LABEL = "referral-decisions decision-log record chain key v2".getBytes(StandardCharsets.US_ASCII);

    private final String keyId;
    private final PublicKey publicKey;
    private final PrivateKey privateKey;
    private final SecretKeySpec chainKey;
    /**
     * The private half as BouncyCastle's signer takes it. Signing is on the decision log's write path, once per group
     * commit, and the JDK 17 provider's Ed25519 costs ~15 times as much CPU; Ed25519 signatures are deterministic, so
     * both give the same bytes ({@code SigningKeyTests}). Verifying stays with the JDK's provider.
     */
    private final Ed25519PrivateKeyParameters signer;

    private SigningKey(PublicKey publicKey, PrivateKey privateKey) {
        this.publicKey = publicKey;
        this.privateKey = privateKey;
        this.signer = privateKey == null ? null : new Ed25519PrivateKeyParameters(((EdECPrivateKey) privateKey).getBytes()
                .orElseThrow(() -> new IllegalStateException("the decision log's private key does not give its bytes")), 0);
        this.keyId = keyIdOf(publicKey);
        this.chainKey = privateKey == null ? null : new SecretKeySpec(hmac(new SecretKeySpec(privateKey.getEncoded(), "HmacSHA256"),
                CHAIN_KEY_LABEL), "HmacSHA256");
    }

    /** A key pair whose public half is given ({@code publicKey}) or, for a private key file, derived by the JDK. */
    static SigningKey of(PublicKey publicKey, PrivateKey privateKey) {
        return new SigningKey(publicKey, privateKey);
    }

    /** "ed25519:" and the first 16 hex digits of the SHA-256 of the public key's X.509 encoding. */
    static String keyIdOf(PublicKey key) {
        return "ed25519:" + HexFormat.of().formatHex(Sha256.digest().digest(key.getEncoded())).substring(0, 16);
    }

    String keyId() {
        return keyId;
    }

    PublicKey publicKey() {
        return publicKey;
    }

    boolean canSign() {
        return privateKey != null;
    }

    /** The raw 32-byte public key (the last 32 bytes of its X.509 encoding), as in a JWK's {@code x}. */
    byte[] rawPublicKey() {
        byte[] encoded = publicKey.getEncoded();
        byte[] raw = new byte[32];
        System.arraycopy(encoded, encoded.length - 32, raw, 0, 32);
        return raw;
    }

    String publicPem() {
        return pem("PUBLIC KEY", publicKey.getEncoded());
    }

    byte[] sign(byte[] message) {
        if (signer == null) {
            throw new IllegalStateException("key " + keyId + " has no private half: it can only verify");
        }
        Ed25519Signer signature = new Ed25519Signer();
        signature.init(true, signer);
        signature.update(message, 0, message.length);
        return signature.generateSignature();
    }

    /** The same signature made by the JDK's own provider: what {@link #sign} is tested against. */
    byte[] signWithJdk(byte[] message) {
        try {
            var signature = java.security.Signature.getInstance(ALGORITHM);
            signature.initSign(privateKey);
            signature.update(message);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 signing failed", e);
        }
    }

    boolean verifies(byte[] message, byte[] signatureBytes) {
        try {
            var signature = java.security.Signature.getInstance(ALGORITHM);
            signature.initVerify(publicKey);
            signature.update(message);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    /** HMAC-SHA256 under the chain key derived from this key's private half; null without it. */
    byte[] chainMac(byte[] message) {
        return chainKey == null ? null : hmac(chainKey, message);
    }

    boolean hasChainKey() {
        return chainKey != null;
    }

    private static byte[] hmac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is required by every Java runtime", e);
        }
    }

    // ---- Files

    /** Reads a PEM file: a PKCS#8 private key (the pair) or an X.509 public key (verification only). */
    static SigningKey read(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the decision log key file " + file, e);
        }
        try {
            KeyFactory factory = KeyFactory.getInstance(ALGORITHM);
            if (text.contains("-----BEGIN PRIVATE KEY-----")) {
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(der(text, "PRIVATE KEY")));
                return new SigningKey(publicOf(text, factory, privateKey, file), privateKey);
            }
            return new SigningKey(factory.generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY"))), null);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException(file + " is not an Ed25519 key in PEM (PKCS#8 private key or X.509 public key): " + e.getMessage(), e);
        }
    }

    /**
     * The public half: the JDK cannot derive it from a PKCS#8 Ed25519 key, so a key file holds both blocks (as
     * {@link #generate} writes it); a file holding only the private key is refused with what to do.
     */
    private static PublicKey publicOf(String text, KeyFactory factory, PrivateKey privateKey, Path file) throws GeneralSecurityException {
        if (!text.contains("-----BEGIN PUBLIC KEY-----")) {
            throw new IllegalArgumentException("the file has no PUBLIC KEY block after the private key (append the output of "
                    + "'openssl pkey -in " + file + " -pubout')");
        }
        return factory.generatePublic(new X509EncodedKeySpec(der(text, "PUBLIC KEY")));
    }

    /** Makes a new key pair and writes it (private key then public key, PEM) to {@code file}, readable by its owner only. */
    static SigningKey generate(Path file) {
        try {
            KeyPair pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path temp = Files.createTempFile(parent, ".signing-key", ".tmp");
            try {
                Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException ignored) {
                // not a POSIX file system: the directory's own permissions protect it
            }
            Files.writeString(temp, pem("PRIVATE KEY", pair.getPrivate().getEncoded()) + pem("PUBLIC KEY", pair.getPublic().getEncoded()),
                    StandardCharsets.US_ASCII);
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            return new SigningKey(pair.getPublic(), pair.getPrivate());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is required by every Java 17 runtime", e);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a new decision log signing key to " + file, e);
        }
    }

    private static byte[] der(String pem, String type) {
        int start = pem.indexOf("-----BEGIN " + type + "-----");
        int end = pem.indexOf("-----END " + type + "-----");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("no " + type + " block");
        }
        return Base64.getMimeDecoder().decode(pem.substring(start + type.length() + 16, end));
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
