package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.Role;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/** The person signed in at the station window, with the roles the engine found for them. */
public record Session(String name, Set<Role> roles) {

    public Session {
        Objects.requireNonNull(name, "name");
        roles = Set.copyOf(roles);
    }

    /** The roles as the header shows them: {@code supervisor} or {@code auditor, operator}. */
    public String roleWords() {
        return roles.stream().map(Role::label).sorted().collect(Collectors.joining(", "));
    }

    /** {@code anna (supervisor)}, for messages. */
    public String describe() {
        return name + " (" + roleWords() + ")";
    }
}
