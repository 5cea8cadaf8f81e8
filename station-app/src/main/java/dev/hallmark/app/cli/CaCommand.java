package dev.hallmark.app.cli;

import dev.hallmark.app.access.CaKeyRule;
import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.engine.access.Action;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.engine.port.CrlPublisher;
import dev.hallmark.engine.port.RevocationReason;
import dev.hallmark.engine.port.Revoker;
import dev.hallmark.engine.port.UnitRecord;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The station's CA: set up, chain, revocation and CRL. */
@Command(name = "ca", description = "The station's CA: init, chain, revoke, crl", mixinStandardHelpOptions = true,
        subcommands = {CaCommand.Init.class, CaCommand.Chain.class, CaCommand.Revoke.class, CaCommand.Crl.class})
public final class CaCommand {

    private CaCommand() {
    }

    /** The data directory option shared by the CA commands. */
    static final class DataDirOption {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        DataDir resolve() {
            return DataDir.resolve(dataDir);
        }

        /** The station's access control; its audit database must be open. */
        StationAccess access() throws ProvisioningException {
            return StationAccess.embedded(resolve(), new SecureRandom(), Clock.systemUTC(), System.out::println);
        }

        /** Whether CA key operations need a second person: the station's setting, whatever the profile. */
        boolean twoPersonRule() throws ProvisioningException {
            return CaKeyRule.on(resolve());
        }

        EmbeddedStation open() throws ProvisioningException {
            return EmbeddedStation.open(resolve(), SoftHsmToken.defaultModule(), new SecureRandom(), Clock.systemUTC(),
                    System.out::println);
        }
    }

    /** {@code hallmark ca init}: the token and the CA of station.yaml, created if missing; no unit is touched. */
    @Command(name = "init", mixinStandardHelpOptions = true,
            description = "Create the station token and the embedded CA (root + issuing CA keys in the token) if missing.")
    static final class Init implements Callable<Integer> {
        @Mixin
        DataDirOption dir;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            if (CaKeyRule.createsCaKey(dir.resolve())) {
                // a new CA key on an established station: a CA key operation, approved before the key exists
                StationAccess access = dir.access();
                var who = signIn.require(access, dir.resolve(), Action.CA_KEY_OPERATION, "ca init");
                var approval = signIn.approval(access, who, Action.CA_KEY_OPERATION, dir.twoPersonRule(), "ca init");
                return RecordedAction.run(access, who, Action.CA_KEY_OPERATION, "ca init", approval, this::ready);
            }
            try (EmbeddedStation station = dir.open()) {
                StationAccess access = dir.access();
                var who = signIn.require(access, dir.resolve(), Action.CA_INIT, null);
                return RecordedAction.run(access, who, Action.CA_INIT, null, null, () -> {
                    System.out.println("CA ready: " + station.issuer().caChain().get(0).getSubjectX500Principal());
                    return ExitCode.OK;
                });
            }
        }

        private int ready() throws ProvisioningException {
            try (EmbeddedStation station = dir.open()) {
                System.out.println("CA ready: " + station.issuer().caChain().get(0).getSubjectX500Principal());
                return ExitCode.OK;
            }
        }
    }

    /** {@code hallmark ca chain}: the CA chain as PEM, issuing CA first, root last. */
    @Command(name = "chain", mixinStandardHelpOptions = true,
            description = "Print the embedded CA's chain as PEM (issuing CA first, root last).")
    static final class Chain implements Callable<Integer> {
        @Mixin
        DataDirOption dir;

        @Override
        public Integer call() throws ProvisioningException {
            Path chain = dir.resolve().ca().resolve("chain.pem");
            try {
                System.out.print(Files.readString(chain, StandardCharsets.US_ASCII));
                System.out.flush();
                return ExitCode.OK;
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "there is no embedded CA chain at " + chain
                        + "; run 'hallmark ca init' on this data directory first", null, e);
            }
        }
    }

    /** {@code hallmark ca revoke}: revokes a unit's certificate (a scrapped unit) and writes a new CRL. */
    @Command(name = "revoke", mixinStandardHelpOptions = true,
            description = "Revoke the certificate of a unit (by its serial) at the embedded CA and write a new CRL.")
    static final class Revoke implements Callable<Integer> {
        @Mixin
        DataDirOption dir;

        @Option(names = "--unit", required = true, paramLabel = "SERIAL", description = "The unit's serial.")
        String unit;

        @Option(names = "--reason", defaultValue = "cessation_of_operation",
                description = "unspecified, key_compromise, superseded, cessation_of_operation (default).")
        String reason;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            RevocationReason why = reason(reason);
            try (EmbeddedStation station = dir.open()) {
                StationAccess access = dir.access();
                var who = signIn.require(access, dir.resolve(), Action.CA_KEY_OPERATION, "revoke " + unit);
                var approval = signIn.approval(access, who, Action.CA_KEY_OPERATION, dir.twoPersonRule(), "revoke " + unit);
                return RecordedAction.run(access, who, Action.CA_KEY_OPERATION, "revoke " + unit, approval,
                        () -> revoke(station, why));
            }
        }

        private int revoke(EmbeddedStation station, RevocationReason why) throws ProvisioningException {
            try {
                UnitRecord record = station.database().store().unitBySerial(unit).orElseThrow(() ->
                        new ProvisioningException(ErrorCode.CONFIG_INVALID, "no unit with serial " + unit + " is recorded"));
                if (record.certificatePem() == null) {
                    throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "unit " + unit + " has no certificate");
                }
                X509Certificate cert = Pem.parseCertificates(record.certificatePem().getBytes(StandardCharsets.US_ASCII))
                        .get(0);
                if (!(station.issuer() instanceof Revoker revoker)) {
                    throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                            "this station's CA cannot revoke; revoke serial " + cert.getSerialNumber().toString(16) + " at the CA");
                }
                revoker.revoke(cert, why);
                System.out.println("revoked " + unit + " certificate serial " + cert.getSerialNumber().toString(16)
                        + " (" + why.name().toLowerCase(Locale.ROOT) + ")");
                if (station.issuer() instanceof CrlPublisher crls) {
                    System.out.println("CRL written to " + crls.publishCrl().location());
                }
                return ExitCode.OK;
            } catch (CertificateException e) {
                throw new ProvisioningException(ErrorCode.INTERNAL, "the recorded certificate cannot be read",
                        e.getMessage(), e);
            }
        }

        private static RevocationReason reason(String name) throws ProvisioningException {
            try {
                return RevocationReason.valueOf(name.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--reason '" + name + "' is not one of "
                        + "unspecified, key_compromise, superseded, cessation_of_operation");
            }
        }
    }

    /** {@code hallmark ca crl}: writes the embedded CA's current CRL and prints it as PEM. */
    @Command(name = "crl", mixinStandardHelpOptions = true,
            description = "Write the embedded CA's CRL (ca/issuing.crl, signed in the token) and print it as PEM.")
    static final class Crl implements Callable<Integer> {
        @Mixin
        DataDirOption dir;

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            try (EmbeddedStation station = dir.open()) {
                StationAccess access = dir.access();
                var who = signIn.require(access, dir.resolve(), Action.CA_KEY_OPERATION, "crl");
                var approval = signIn.approval(access, who, Action.CA_KEY_OPERATION, dir.twoPersonRule(), "crl");
                return RecordedAction.run(access, who, Action.CA_KEY_OPERATION, "crl", approval, () -> crl(station));
            }
        }

        private static int crl(EmbeddedStation station) throws ProvisioningException {
            if (!(station.issuer() instanceof CrlPublisher crls)) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                        "the station's CA is not the embedded CA; fetch the CRL from the CA itself");
            }
            CrlPublisher.PublishedCrl published = crls.publishCrl();
            System.out.print(Pem.encode("X509 CRL", published.der()));
            System.err.println("hallmark: CRL written to " + published.location());
            return ExitCode.OK;
        }
    }
}
