package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.ui.Background;
import java.util.Arrays;
import java.util.Objects;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The inline confirmation before the first unit of a permanently locking lot: the operator types the lot's name to
 * acknowledge that every board will be locked for good, and where the two-person rule is on, a second person with
 * the supervisor or admin role signs the approval with their own name and password in the same panel. The
 * confirmation (with the approver) is recorded in the action log, and holds for the signed-in operator until they
 * sign out. No dialog: the panel sits above the bench.
 */
public final class LotStartViewModel {

    /** Where the panel stands. */
    public enum Stage {
        /** The lot needs nothing (its lock is reversible). */
        NOT_NEEDED,
        /** The operator has to type the lot's name. */
        CONFIRM,
        /** A second person has to approve. */
        APPROVE,
        /** Confirmed (and approved where needed): scans may start units. */
        DONE
    }

    private final LotStartRule rule;
    private final SignInViewModel signIn;
    private final Background background;
    private final StringProperty typedLot = new SimpleStringProperty("");
    private final StringProperty approverName = new SimpleStringProperty("");
    private final StringProperty approverPassword = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<Stage> stage = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper outcome = new ReadOnlyStringWrapper("");
    /** Who confirmed, as worker threads read it; null until DONE. */
    private volatile String confirmedFor;
    private boolean busy;

    public LotStartViewModel(LotStartRule rule, SignInViewModel signIn, Background background) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.signIn = Objects.requireNonNull(signIn, "signIn");
        this.background = Objects.requireNonNull(background, "background");
        stage.set(rule.needsConfirmation() ? Stage.CONFIRM : Stage.NOT_NEEDED);
        signIn.sessionProperty().addListener((obs, was, now) -> reset());
    }

    /** The explanation the panel shows. */
    public String explanation() {
        return "Lot " + rule.lot() + " (" + rule.profile() + ") locks every board PERMANENTLY: debug and bootloader"
                + " are gone for good and the board can never be reworked."
                + (rule.needsApproval() ? " The two-person rule is on: a supervisor or admin approves." : "");
    }

    /** Enter in the lot field: the typed name must be the lot's. */
    public void confirm() {
        if (stage.get() != Stage.CONFIRM || busy) {
            return;
        }
        Session who = signIn.current();
        String typed = typedLot.get() == null ? "" : typedLot.get().strip();
        if (!typed.equals(rule.lot())) {
            error.set("Type the lot's name exactly (" + rule.lot() + ") to confirm the permanent lock");
            return;
        }
        error.set("");
        if (rule.needsApproval()) {
            stage.set(Stage.APPROVE);
            return;
        }
        busy = true;
        background.run("confirm the permanent lock of lot " + rule.lot(), () -> {
            StationGate gate = signIn.gate();
            gate.authorize(who, Permission.PERMANENT_LOCK, rule.lot());
            gate.record(who, Permission.PERMANENT_LOCK, rule.lot(), null, "OK", "confirmed in the station window");
            return who.name();
        }, name -> done(name, "Confirmed by " + name + ": units of lot " + rule.lot() + " are locked for good"),
                this::failed);
    }

    /** Enter in the approver's password field: the second person's sign-in and approval, off the FX thread. */
    public void approve() {
        char[] secret = approverPassword.get() == null ? new char[0] : approverPassword.get().toCharArray();
        approverPassword.set("");
        String approver = approverName.get() == null ? "" : approverName.get().strip();
        if (stage.get() != Stage.APPROVE || busy || approver.isEmpty() || secret.length == 0) {
            if (stage.get() == Stage.APPROVE && !busy) {
                error.set("The approver types their name and password, then Enter");
            }
            Arrays.fill(secret, '\0');
            return;
        }
        Session who = signIn.current();
        busy = true;
        error.set("");
        background.run("approve the permanent lock of lot " + rule.lot(), () -> approveOffFx(who, approver, secret),
                by -> done(who.name(), "Approved by " + by + " for " + who.name() + ": units of lot " + rule.lot()
                        + " are locked for good"), this::failed);
    }

    private String approveOffFx(Session who, String approver, char[] secret) throws ProvisioningException {
        StationGate gate = signIn.gate();
        try {
            gate.authorize(who, Permission.PERMANENT_LOCK, rule.lot());
            Session by = gate.approve(who, Permission.PERMANENT_LOCK, approver, secret);
            gate.record(who, Permission.PERMANENT_LOCK, rule.lot(), by.name(), "OK",
                    "confirmed and approved in the station window");
            return by.describe();
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void done(String name, String line) {
        busy = false;
        Session now = signIn.current();
        if (now == null || !now.name().equals(name)) {
            return; // signed out while the approval was checked: the panel was reset and stays so
        }
        approverName.set("");
        confirmedFor = name;
        outcome.set(line);
        stage.set(Stage.DONE);
    }

    private void failed(String line) {
        busy = false;
        error.set(line);
    }

    /** Back to the start: a new person signs in, or nobody is signed in. */
    private void reset() {
        confirmedFor = null;
        busy = false;
        typedLot.set("");
        approverName.set("");
        approverPassword.set("");
        error.set("");
        outcome.set("");
        stage.set(rule.needsConfirmation() ? Stage.CONFIRM : Stage.NOT_NEEDED);
    }

    /** Whether {@code who} may start units now as far as the lock goes; safe on any thread. */
    public boolean clearedFor(Session who) {
        return !rule.needsConfirmation() || (who != null && who.name().equals(confirmedFor));
    }

    public LotStartRule rule() {
        return rule;
    }

    public ReadOnlyObjectProperty<Stage> stageProperty() {
        return stage.getReadOnlyProperty();
    }

    public StringProperty typedLotProperty() {
        return typedLot;
    }

    public StringProperty approverNameProperty() {
        return approverName;
    }

    public StringProperty approverPasswordProperty() {
        return approverPassword;
    }

    /** Why the last confirmation or approval was refused, in one line. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** Who confirmed and who approved, once DONE. */
    public ReadOnlyStringProperty outcomeProperty() {
        return outcome.getReadOnlyProperty();
    }
}
