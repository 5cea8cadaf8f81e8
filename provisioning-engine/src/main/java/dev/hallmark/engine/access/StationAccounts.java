package dev.hallmark.engine.access;

import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ActionLog;
import dev.hallmark.engine.port.ActionRecord;
import dev.hallmark.engine.port.OperatorAccount;
import dev.hallmark.engine.port.OperatorDirectory;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * The accounts of a new station: {@code admin} with a generated password the caller shows once, and the local
 * service account {@code station} (operator and auditor) whose secret the caller keeps in a 0600 file, so that
 * the demo and scripts on the station itself run without a prompt.
 */
public final class StationAccounts {

    public static final String ADMIN = "admin";
    public static final String STATION = "station";
    private static final char[] ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789".toCharArray();
    private static final int SECRET_LENGTH = 24;

    /** The secrets of the accounts just created; the caller shows the first and files the second, then wipes both. */
    public record Created(char[] adminPassword, char[] stationSecret) {
    }

    private StationAccounts() {
    }

    /** Creates both accounts if the directory is empty; null if it was not. */
    public static Created ensure(OperatorDirectory directory, ActionLog log, PasswordHasher hasher,
                                 SecureRandom random, Clock clock) throws ProvisioningException {
        if (!directory.list().isEmpty()) {
            return null;
        }
        char[] adminPassword = randomSecret(random, SECRET_LENGTH);
        char[] stationSecret = randomSecret(random, SECRET_LENGTH);
        Instant now = clock.instant();
        directory.create(new OperatorAccount(ADMIN, Set.of(Role.ADMIN), hasher.hash(adminPassword).encode(), 0, false,
                false, now, now));
        directory.create(new OperatorAccount(STATION, Set.of(Role.OPERATOR, Role.AUDITOR),
                hasher.hash(stationSecret).encode(), 0, false, true, now, now));
        log.append(new ActionRecord(now, "system", "BOOTSTRAP", ADMIN + "," + STATION, null, "OK",
                "first start: created admin (password shown once) and service account station"));
        return new Created(adminPassword, stationSecret);
    }

    /** A random secret from an unambiguous alphabet. */
    public static char[] randomSecret(SecureRandom random, int length) {
        char[] secret = new char[length];
        for (int i = 0; i < length; i++) {
            secret[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return secret;
    }
}
