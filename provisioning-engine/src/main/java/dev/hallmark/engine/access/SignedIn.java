package dev.hallmark.engine.access;

import dev.hallmark.engine.api.Role;
import java.util.Set;

/** A person (or service account) whose password was checked just now, with the roles they hold. */
public record SignedIn(String name, Set<Role> roles, boolean service) {
    public SignedIn {
        roles = Set.copyOf(roles);
    }

    public boolean mayDo(Action action) {
        return roles.stream().anyMatch(action.allowed()::contains);
    }

    /** {@code anna (supervisor)} for messages and records. */
    public String describe() {
        return name + " (" + String.join(",", roles.stream().map(Role::label).sorted().toList()) + ")";
    }
}
