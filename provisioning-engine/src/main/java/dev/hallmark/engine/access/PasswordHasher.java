package dev.hallmark.engine.access;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.generators.PKCS5S2ParametersGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * Hashes passwords with Argon2id (RFC 9106; Bouncy Castle) and a fresh 16-byte salt per password, and verifies
 * Argon2id and PBKDF2-HMAC-SHA256 hashes with the parameters recorded in each. Comparison is constant-time.
 *
 * @param memoryKib  Argon2id memory in KiB (OWASP's minimum: 19456 = 19 MiB)
 * @param iterations Argon2id passes
 * @param lanes      Argon2id parallelism
 */
public record PasswordHasher(int memoryKib, int iterations, int lanes, SecureRandom random) {

    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;

    /** The station's parameters: m=19 MiB, t=2, p=1 (OWASP Password Storage Cheat Sheet). */
    public static PasswordHasher standard(SecureRandom random) {
        return new PasswordHasher(19_456, 2, 1, random);
    }

    /** Cheap parameters for unit tests only (they are recorded in each hash, so verification still works). */
    public static PasswordHasher forTests(SecureRandom random) {
        return new PasswordHasher(64, 1, 1, random);
    }

    /** A new Argon2id hash of the password with a fresh salt. */
    public PasswordHash hash(char[] password) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        String parameters = "v=19,m=" + memoryKib + ",t=" + iterations + ",p=" + lanes;
        PasswordHash template = new PasswordHash(PasswordHash.ARGON2ID, parameters, salt, new byte[0]);
        return new PasswordHash(PasswordHash.ARGON2ID, parameters, salt, derive(password, template, HASH_BYTES));
    }

    /** Whether {@code password} is the one {@code stored} was made from. */
    public static boolean verify(char[] password, PasswordHash stored) {
        byte[] derived = derive(password, stored, stored.hash().length);
        try {
            return MessageDigest.isEqual(derived, stored.hash());
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    /** A PBKDF2-HMAC-SHA256 hash, for stations that must use a FIPS-approved function instead of Argon2id. */
    public PasswordHash pbkdf2(char[] password, int iterationCount) {
        byte[] salt = new byte[SALT_BYTES];
        random.nextBytes(salt);
        PasswordHash template = new PasswordHash(PasswordHash.PBKDF2_SHA256, "i=" + iterationCount, salt, new byte[0]);
        return new PasswordHash(PasswordHash.PBKDF2_SHA256, template.parameters(), salt,
                derive(password, template, HASH_BYTES));
    }

    private static byte[] derive(char[] password, PasswordHash params, int length) {
        byte[] secret = utf8(password);
        try {
            return switch (params.algorithm()) {
                case PasswordHash.ARGON2ID -> argon2id(secret, params, length);
                case PasswordHash.PBKDF2_SHA256 -> pbkdf2(secret, params, length);
                default -> throw new IllegalArgumentException("unknown password hash algorithm " + params.algorithm());
            };
        } finally {
            Arrays.fill(secret, (byte) 0);
        }
    }

    private static byte[] argon2id(byte[] secret, PasswordHash params, int length) {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(params.parameter("m"))
                .withIterations(params.parameter("t"))
                .withParallelism(params.parameter("p"))
                .withSalt(params.salt())
                .build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[length];
        generator.generateBytes(secret, out);
        return out;
    }

    private static byte[] pbkdf2(byte[] secret, PasswordHash params, int length) {
        PKCS5S2ParametersGenerator generator = new PKCS5S2ParametersGenerator(new SHA256Digest());
        generator.init(secret, params.salt(), params.parameter("i"));
        return ((KeyParameter) generator.generateDerivedParameters(length * 8)).getKey();
    }

    private static byte[] utf8(char[] password) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(password));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        if (encoded.hasArray()) {
            Arrays.fill(encoded.array(), (byte) 0);
        }
        return bytes;
    }

    @Override
    public String toString() {
        return "PasswordHasher[argon2id m=" + memoryKib + " t=" + iterations + " p=" + lanes + "]";
    }
}
