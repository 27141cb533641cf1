package org.referraldecisions.audit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The decision log's keys by id: the active signing key (which signs new checkpoints and keys new records) and the
 * retired keys kept to verify what they signed. A retired key given as a private key file still lets verification
 * check its records' keyed hashes; given as a public key only, its checkpoints and receipts still verify and its
 * records are checked through the signed Merkle roots.
 */
final class KeyRing {

    private static final Logger log = LoggerFactory.getLogger(KeyRing.class);

    private final SigningKey active;
    private final Map<String, SigningKey> byId = new LinkedHashMap<>();

    KeyRing(SigningKey active, List<SigningKey> retired) {
        this.active = active;
        if (active != null) {
            byId.put(active.keyId(), active);
        }
        retired.forEach(k -> byId.putIfAbsent(k.keyId(), k));
    }

    /**
     * The keys as configured: {@code signingKeyFile} (made if absent and {@code generate}), and the retired key files.
     * Null for {@code signingKeyFile} means no active key (a verifier holding only public keys).
     */
    static KeyRing load(Path signingKeyFile, boolean generate, List<Path> retiredKeyFiles) {
        SigningKey active = null;
        if (signingKeyFile != null) {
            if (Files.exists(signingKeyFile)) {
                active = SigningKey.read(signingKeyFile);
            } else if (generate) {
                active = SigningKey.generate(signingKeyFile);
                log.warn("made a new decision log signing key {} in {} (readable by this user only); for production provision the key "
                        + "file yourself and keep a copy of it outside the database's backups (README \"Decision log and review\")",
                        active.keyId(), signingKeyFile);
            } else {
                throw new IllegalStateException("the decision log signing key file " + signingKeyFile + " does not exist; provision an "
                        + "Ed25519 key there (README \"Decision log and review\") or set referrals.decision-log.generate-signing-key=true");
            }
        }
        List<SigningKey> retired = new ArrayList<>();
        for (Path file : retiredKeyFiles) {
            retired.add(SigningKey.read(file));
        }
        KeyRing ring = new KeyRing(active, retired);
        log.info("decision log keys: active {}, retired {}", active == null ? "none" : active.keyId(),
                retired.stream().map(SigningKey::keyId).toList());
        return ring;
    }

    /** The key that signs now; fails when only public keys are held. */
    SigningKey active() {
        if (active == null || !active.canSign()) {
            throw new IllegalStateException("no decision log signing key is configured (referrals.decision-log.signing-key-file)");
        }
        return active;
    }

    Optional<SigningKey> find(String keyId) {
        return Optional.ofNullable(byId.get(keyId));
    }

    List<SigningKey> all() {
        return List.copyOf(byId.values());
    }

    boolean isActive(SigningKey key) {
        return active != null && active.keyId().equals(key.keyId());
    }
}
