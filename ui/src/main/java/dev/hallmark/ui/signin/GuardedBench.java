package dev.hallmark.ui.signin;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.Fixture;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.BenchControl;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The bench as the window's scan field reaches it: a scan starts a unit only for a signed-in person whose role
 * may start units, and on a permanently locking lot only after the inline confirmation (and approval); every
 * start, refused or not, is in the action log.
 */
public final class GuardedBench implements BenchControl {

    private final BenchControl bench;
    private final Guard guard;
    private final LotStartViewModel lotStart;
    private final String lot;

    public GuardedBench(BenchControl bench, SignInViewModel signIn, LotStartViewModel lotStart) {
        this.bench = Objects.requireNonNull(bench, "bench");
        this.guard = new Guard(signIn);
        this.lotStart = Objects.requireNonNull(lotStart, "lotStart");
        this.lot = lotStart.rule().lot();
    }

    @Override
    public List<Fixture> fixtures() {
        return bench.fixtures();
    }

    @Override
    public Optional<String> start(String scannedLabel) throws ProvisioningException {
        String target = lot + "/" + scannedLabel;
        Session who = guard.require(Permission.START_UNIT, target);
        if (!lotStart.clearedFor(who)) {
            guard.record(who, Permission.START_UNIT, target, "DENIED", "permanent lock not confirmed");
            throw new ProvisioningException(ErrorCode.LOCK_NOT_CONFIRMED, "lot " + lot
                    + " locks every board for good and " + who.name() + " has not confirmed it yet");
        }
        Optional<String> fixture;
        try {
            fixture = bench.start(scannedLabel);
        } catch (ProvisioningException e) {
            guard.record(who, Permission.START_UNIT, target, "FAILED", e.code().id() + " " + e.getMessage());
            throw e;
        }
        guard.record(who, Permission.START_UNIT, target, fixture.isPresent() ? "OK" : "FAILED",
                fixture.map(f -> "started on fixture " + f).orElse("every fixture busy"));
        return fixture;
    }
}
