package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.rework.ReworkRule;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.app.station.TargetLinks;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.Approval;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.engine.rework.Rework;
import dev.hallmark.engine.rework.ReworkTarget;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** One unit after it was sealed: rework. */
@Command(name = "unit", description = "One unit after it was sealed: rework", mixinStandardHelpOptions = true,
        subcommands = {UnitCommand.ReworkUnit.class})
public final class UnitCommand {

    private UnitCommand() {
    }

    /** {@code hallmark unit rework}: readout unprotect (mass erase), revoke, release the device for a new unit. */
    @Command(name = "rework", mixinStandardHelpOptions = true,
            description = {"Rework a readout-locked STM32 unit: remove readout protection (AN3155 0x92, mass erase),",
                "revoke its certificate and release its device to be provisioned again as a new unit with a new",
                "serial. A supervisor or admin signs in; a second one approves (--approver) where the two-person",
                "rule is on. Permanently locked units are refused."})
    static final class ReworkUnit implements Callable<Integer> {

        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--serial", required = true, paramLabel = "SERIAL", description = "The unit's serial.")
        String serial;

        @Option(names = "--port", required = true, paramLabel = "PORT",
                description = "The serial port of the fixture the unit's device is on.")
        String port;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            SecureRandom random = new SecureRandom();
            Clock clock = Clock.systemUTC();
            try (EmbeddedStation station = EmbeddedStation.open(dir, SoftHsmToken.defaultModule(), random, clock,
                    System.err::println)) {
                StationAccess access = StationAccess.embedded(dir, random, clock, System.err::println);
                String target = "rework " + serial;
                SignedIn who = signIn.require(access, dir, Action.READOUT_UNPROTECT, target);
                JdbcAuditStore store = station.database().store();
                Optional<UnitRecord> named = store.unitBySerial(serial);
                Optional<ProductProfile> profile = named.isEmpty() ? Optional.empty()
                        : ReworkRule.profile(station.config(), store.lotReport(named.get().lot()).profile());
                UnitRecord unit;
                try {
                    unit = ReworkTarget.check(store, serial, profile);
                } catch (ProvisioningException e) {
                    access.control().record(who, Action.READOUT_UNPROTECT, target, null, "FAILED",
                            e.code().id() + " " + e.getMessage());
                    throw e;
                }
                Approval approval = signIn.approval(access, who, Action.READOUT_UNPROTECT,
                        ReworkRule.twoPersons(dir, profile), target);
                return RecordedAction.run(access, who, Action.READOUT_UNPROTECT, target, approval, () -> {
                    new Rework(store, station.issuer(), TargetLinks.forChipFamily(unit.chipFamily(), clock), clock,
                            System.out::println).run(unit, port, who, approval);
                    return ExitCode.OK;
                });
            }
        }
    }
}
