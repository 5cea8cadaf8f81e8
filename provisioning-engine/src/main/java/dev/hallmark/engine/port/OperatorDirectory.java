package dev.hallmark.engine.port;

import dev.hallmark.engine.api.ProvisioningException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** The station's operators: who may sign in, with which roles, and the state of their sign-ins. */
public interface OperatorDirectory {

    /** The account of that name, if any. */
    Optional<OperatorAccount> find(String name) throws ProvisioningException;

    /** Every account, by name. */
    List<OperatorAccount> list() throws ProvisioningException;

    /** Adds an account; OPERATOR_INVALID if the name is taken. */
    void create(OperatorAccount account) throws ProvisioningException;

    /** Sets a new password hash, clears the failures and unlocks the account. */
    void setPassword(String name, String passwordHash, Instant at) throws ProvisioningException;

    /** Records the outcome of a sign-in or a lock: the failures counted so far and whether the account is locked. */
    void updateState(String name, int failedSignIns, boolean locked, Instant at) throws ProvisioningException;
}
