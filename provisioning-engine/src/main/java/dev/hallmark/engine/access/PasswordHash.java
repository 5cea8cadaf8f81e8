package dev.hallmark.engine.access;

import java.util.Base64;
import java.util.Objects;

/**
 * A password as the station keeps it: the algorithm, its parameters, a per-user salt and the derived hash, encoded
 * as one string in the PHC style: {@code $argon2id$v=19,m=19456,t=2,p=1$SALT$HASH} or
 * {@code $pbkdf2-sha256$i=600000$SALT$HASH} (salt and hash in unpadded Base64).
 */
public record PasswordHash(String algorithm, String parameters, byte[] salt, byte[] hash) {

    public static final String ARGON2ID = "argon2id";
    public static final String PBKDF2_SHA256 = "pbkdf2-sha256";

    public PasswordHash {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(parameters, "parameters");
        salt = salt.clone();
        hash = hash.clone();
    }

    public byte[] salt() {
        return salt.clone();
    }

    public byte[] hash() {
        return hash.clone();
    }

    /** The stored form. */
    public String encode() {
        Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
        return "$" + algorithm + "$" + parameters + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
    }

    /** Parses the stored form; IllegalArgumentException if it is not one. */
    public static PasswordHash parse(String encoded) {
        String[] parts = encoded.split("\\$", -1);
        if (parts.length != 5 || !parts[0].isEmpty()) {
            throw new IllegalArgumentException("not an encoded password hash");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        return new PasswordHash(parts[1], parts[2], b64.decode(parts[3]), b64.decode(parts[4]));
    }

    /** A named parameter of {@link #parameters()}, e.g. {@code m} of {@code v=19,m=19456,t=2,p=1}. */
    int parameter(String name) {
        for (String part : parameters.split("[$,]")) {
            int eq = part.indexOf('=');
            if (eq > 0 && part.substring(0, eq).equals(name)) {
                return Integer.parseInt(part.substring(eq + 1));
            }
        }
        throw new IllegalArgumentException("the password hash has no parameter " + name);
    }

    @Override
    public String toString() {
        return "PasswordHash[" + algorithm + "$" + parameters + "]";
    }
}
