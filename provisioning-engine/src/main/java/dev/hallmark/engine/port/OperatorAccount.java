package dev.hallmark.engine.port;

import dev.hallmark.engine.api.Role;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A person or script allowed to sign in at the station, as the operator directory keeps it. The password is only
 * ever kept as {@code passwordHash}: an encoded Argon2id or PBKDF2 hash with its own salt and parameters.
 *
 * @param name          the sign-in name
 * @param roles         what the account may do
 * @param passwordHash  e.g. {@code $argon2id$v=19,m=19456,t=2,p=1$<salt>$<hash>} (engine.access.PasswordHash)
 * @param failedSignIns failed sign-ins since the last good one
 * @param locked        whether sign-in is refused until an admin sets a new password
 * @param service       a service account for scripts (signs in with a secret file or environment variable)
 */
public record OperatorAccount(String name, Set<Role> roles, String passwordHash, int failedSignIns, boolean locked,
                              boolean service, Instant created, Instant changed) {
    public OperatorAccount {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
        Objects.requireNonNull(passwordHash, "passwordHash");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(changed, "changed");
    }

    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** The same account after a sign-in attempt or a lock. */
    public OperatorAccount withState(int failedSignIns, boolean locked, Instant at) {
        return new OperatorAccount(name, roles, passwordHash, failedSignIns, locked, service, created, at);
    }
}
