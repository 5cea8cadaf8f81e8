package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.ui.Background;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Who is signed in at the station window: the sign-in form (name, password, one-line error), sign-out and the
 * optional idle sign-out. The password is checked off the FX thread (Argon2id takes tens of milliseconds); the
 * form's password is cleared as soon as it is taken. Every sign-in, failed sign-in and sign-out is in the action
 * log (failures by the engine, the rest here). Call everything but {@link #current()} on the FX thread.
 */
public final class SignInViewModel {

    private final StationGate gate;
    private final Background background;
    private final Clock clock;
    private final Duration idleLimit;
    private final StringProperty name = new SimpleStringProperty("");
    private final StringProperty password = new SimpleStringProperty("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper notice = new ReadOnlyStringWrapper("");
    private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper();
    private final ReadOnlyObjectWrapper<Session> session = new ReadOnlyObjectWrapper<>();
    /** The session as worker threads read it (the property belongs to the FX thread). */
    private volatile Session current;
    private Instant lastActivity;

    /** {@code idleLimit} null or zero: no idle sign-out. */
    public SignInViewModel(StationGate gate, Background background, Clock clock, Duration idleLimit) {
        this.gate = Objects.requireNonNull(gate, "gate");
        this.background = Objects.requireNonNull(background, "background");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.idleLimit = idleLimit == null || idleLimit.isZero() || idleLimit.isNegative() ? null : idleLimit;
    }

    /** Takes the form (Enter in either field): checks name and password off the FX thread. */
    public void submit() {
        String who = name.get() == null ? "" : name.get().strip();
        char[] secret = password.get() == null ? new char[0] : password.get().toCharArray();
        password.set("");
        if (busy.get()) {
            Arrays.fill(secret, '\0');
            return;
        }
        if (who.isEmpty() || secret.length == 0) {
            Arrays.fill(secret, '\0');
            error.set(who.isEmpty() ? "Type your operator name, then your password" : "Type your password, then Enter");
            return;
        }
        busy.set(true);
        error.set("");
        notice.set("Checking " + who + "…");
        background.run("sign in as " + who, () -> check(who, secret), this::signedIn, failure -> {
            busy.set(false);
            notice.set("");
            error.set(failure);
        });
    }

    private Session check(String who, char[] secret) throws ProvisioningException {
        try {
            Session signedIn = gate.signIn(who, secret);
            gate.recordSession(signedIn, "SIGN_IN", "station window");
            return signedIn;
        } finally {
            Arrays.fill(secret, '\0');
        }
    }

    private void signedIn(Session who) {
        busy.set(false);
        error.set("");
        notice.set("");
        name.set("");
        lastActivity = clock.instant();
        current = who;
        session.set(who);
    }

    /** Signs out (the button, F12, or the idle limit); the window goes back to the sign-in screen at once. */
    public void signOut(String why) {
        Session who = session.get();
        if (who == null) {
            return;
        }
        current = null;
        session.set(null);
        notice.set(who.name() + " signed out" + (why.isEmpty() ? "" : " (" + why + ")"));
        background.run("record the sign-out of " + who.name(), () -> {
            gate.recordSession(who, "SIGN_OUT", why.isEmpty() ? "station window" : "station window: " + why);
            return null;
        }, done -> { }, failure -> error.set(failure));
    }

    /** A key or mouse press in the window: the person is still there. */
    public void touch() {
        lastActivity = clock.instant();
    }

    /** Signs out when nobody has touched the window for the idle limit; returns whether it did. */
    public boolean checkIdle() {
        if (idleLimit == null || session.get() == null || lastActivity == null) {
            return false;
        }
        if (Duration.between(lastActivity, clock.instant()).compareTo(idleLimit) >= 0) {
            signOut("idle for " + idleLimit.toMinutes() + " min");
            return true;
        }
        return false;
    }

    /** The idle limit, or null when there is none. */
    public Duration idleLimit() {
        return idleLimit;
    }

    /** The person signed in now, or null; safe on any thread. */
    public Session current() {
        return current;
    }

    public ReadOnlyObjectProperty<Session> sessionProperty() {
        return session.getReadOnlyProperty();
    }

    public StringProperty nameProperty() {
        return name;
    }

    /** Bound to the password field; cleared the moment the form is taken. */
    public StringProperty passwordProperty() {
        return password;
    }

    /** Why the last sign-in failed, in one line; empty otherwise. */
    public ReadOnlyStringProperty errorProperty() {
        return error.getReadOnlyProperty();
    }

    /** What is happening (checking, signed out); empty otherwise. */
    public ReadOnlyStringProperty noticeProperty() {
        return notice.getReadOnlyProperty();
    }

    /** Whether a password is being checked now. */
    public ReadOnlyBooleanProperty busyProperty() {
        return busy.getReadOnlyProperty();
    }

    /** The gate the window's screens ask. */
    public StationGate gate() {
        return gate;
    }
}
