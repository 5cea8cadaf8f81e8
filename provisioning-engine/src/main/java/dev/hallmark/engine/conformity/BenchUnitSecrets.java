package dev.hallmark.engine.conformity;

import dev.hallmark.engine.access.PasswordHasher;
import dev.hallmark.engine.access.StationAccounts;
import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitSecretRecords;
import dev.hallmark.engine.port.UnitSecrets;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The station's per-unit secrets: {@link UnitSecret#LENGTH} characters from the station's SecureRandom, hashed with
 * salted PBKDF2-HMAC-SHA256, wrapped for the customer's key when the profile names one ({@link CustomerWrap}), both
 * recorded, and the clear secret wiped before {@link #issue} returns. Remembers what it issued per unit until the
 * unit's evidence takes it.
 */
public final class BenchUnitSecrets implements UnitSecrets {

    private final PasswordHasher hasher;
    private final SecureRandom random;
    private final PublicKey customerKey;
    private final UnitSecretRecords records;
    private final Clock clock;
    private final Map<Long, Issued> issued = new ConcurrentHashMap<>();

    /** {@code customerKey} may be null: the secret is then recorded as a hash only. */
    public BenchUnitSecrets(PasswordHasher hasher, SecureRandom random, PublicKey customerKey, UnitSecretRecords records,
                            Clock clock) {
        this.hasher = hasher;
        this.random = random;
        this.customerKey = customerKey;
        this.records = records;
        this.clock = clock;
    }

    @Override
    public String issue(long unitId, DeviceUid uid) throws ProvisioningException {
        char[] secret = StationAccounts.randomSecret(random, UnitSecret.LENGTH);
        byte[] clear = null;
        try {
            String verifier = hasher.pbkdf2(secret, UnitSecret.ITERATIONS).encode();
            String wrapped = null;
            if (customerKey != null) {
                ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
                clear = new byte[encoded.remaining()];
                encoded.get(clear);
                Arrays.fill(encoded.array(), (byte) 0);
                wrapped = Base64.getEncoder().encodeToString(CustomerWrap.wrap(customerKey, clear, uid.hex(), random));
            }
            records.record(unitId, verifier, wrapped, clock.instant());
            issued.put(unitId, new Issued(verifier, wrapped != null));
            return verifier;
        } finally {
            Arrays.fill(secret, '\0');
            if (clear != null) {
                Arrays.fill(clear, (byte) 0);
            }
        }
    }

    /** What was issued to the unit by this station run, removed from memory; else what the records hold. */
    public Optional<Issued> take(long unitId) throws ProvisioningException {
        Issued mine = issued.remove(unitId);
        if (mine != null) {
            return Optional.of(mine);
        }
        return records.verifier(unitId).map(v -> new Issued(v, false));
    }

    /** SHA-256 of the customer key's encoding (what the evidence names), or null. */
    public String customerKeySha256() {
        if (customerKey == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(customerKey.getEncoded()));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

    /** A secret as issued: its verifier and whether it was wrapped for the customer. */
    public record Issued(String verifier, boolean wrapped) {
    }
}
