package dev.hallmark.app.cli;

import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.kek.KekCeremony;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.EmbeddedStation;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.Pem;
import dev.hallmark.hsm.keystore.KekFacts;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code hallmark kek}: the transport-KEK ceremony (split knowledge or wrapped import), the KEKs present, rotation. */
@Command(name = "kek", mixinStandardHelpOptions = true, description = "The transport key-encryption key of a real line.",
        subcommands = {KekCommand.Import.class, KekCommand.ImportKey.class, KekCommand.ListKeks.class,
            KekCommand.Retire.class})
final class KekCommand {

    private KekCommand() {
    }

    /** Options every kek subcommand shares. */
    static final class Station {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Option(names = "--pkcs11-module", paramLabel = "PATH", defaultValue = "/usr/lib/softhsm/libsofthsm2.so",
                description = "PKCS#11 module of the station token (default ${DEFAULT-VALUE}; station.yaml's hsm: wins).")
        Path module;

        EmbeddedStation open(PrintStream say) throws ProvisioningException {
            return EmbeddedStation.open(DataDir.resolve(dataDir), module, new SecureRandom(), Clock.systemUTC(),
                    say::println);
        }
    }

    /** {@code kek import}: split knowledge (--split N) or the vendor's wrapped KEK (--wrapped FILE). */
    @Command(name = "import", mixinStandardHelpOptions = true,
            description = {"Bring the production transport KEK into the HSM, in one of two forms:",
                "  --split 2|3: each custodian (--custodian NAME, in order) enters a component (64 hex digits, hidden;",
                "    or --component-file, a 0600 file per custodian) and sees its KCV; the KEK is combined inside",
                "    the HSM where it can (CKM_XOR_BASE_AND_DATA), else in one short-lived zeroed array.",
                "  --wrapped FILE: the vendor's KEK wrapped with RSA-OAEP to the key from 'kek import-key';",
                "    unwrapped inside the HSM.",
                "Then the KEK's KCV is compared with the vendor's (--vendor-kcv, or asked); a mismatch retires it.",
                "Exit codes: 0 stored, 2 refused (nothing stored)."})
    static final class Import implements Callable<Integer> {

        @ArgGroup(exclusive = true, multiplicity = "1")
        Form form;

        /** --split or --wrapped. */
        static final class Form {
            @Option(names = "--split", paramLabel = "N", description = "Split knowledge with N (2 or 3) components.")
            Integer split;

            @Option(names = "--wrapped", paramLabel = "FILE", description = "The vendor's wrapped KEK (binary).")
            Path wrapped;
        }

        @Option(names = "--custodian", paramLabel = "NAME", description = "A custodian, in component order (repeat).")
        List<String> custodians = new ArrayList<>();

        @Option(names = "--component-file", paramLabel = "FILE",
                description = "A custodian's component as hex in a 0600 file, in custodian order (instead of typing).")
        List<Path> componentFiles = new ArrayList<>();

        @Option(names = "--oaep-hash", defaultValue = "sha1", paramLabel = "HASH",
                description = "RSA-OAEP hash of --wrapped: sha1 (default; all SoftHSM2 2.6.1 unwraps) or sha256.")
        String oaepHash;

        @Option(names = "--vendor-kcv", paramLabel = "HEX",
                description = "The vendor's KCV of the whole key (6 hex digits, either method); asked for if absent.")
        String vendorKcv;

        @Mixin
        Station station = new Station();

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            PrintStream out = System.out;
            DataDir dir = DataDir.resolve(station.dataDir);
            Clock clock = Clock.systemUTC();
            try (EmbeddedStation st = station.open(out)) {
                StationAccess access = StationAccess.embedded(dir, new SecureRandom(), clock, out::println)
                        .anchorWith(st.actionAnchor());
                SignedIn who = signIn.require(access, dir, Action.KEK_CEREMONY, "transport KEK");
                return RecordedAction.run(access, who, Action.KEK_CEREMONY, "transport KEK", null, () -> {
                    KekCeremony.Result result = form.split != null
                            ? split(st, out, clock)
                            : KekCeremony.wrapped(st.hsm(), form.wrapped, oaepHash.toLowerCase(Locale.ROOT), custodians,
                                    out::println, clock.instant());
                    compareWithVendor(st, result.facts(), out);
                    access.control().record(who, Action.KEK_CEREMONY, "transport KEK", null, "OK",
                            result.logDetail());
                    return ExitCode.OK;
                });
            }
        }

        private KekCeremony.Result split(EmbeddedStation st, PrintStream out, Clock clock) throws ProvisioningException {
            if (custodians.size() != form.split) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "--split " + form.split + " needs "
                        + form.split + " --custodian names, one per component");
            }
            return KekCeremony.split(st.hsm(), custodians, componentFiles, System.console(), out::println,
                    clock.instant());
        }

        private void compareWithVendor(EmbeddedStation st, KekFacts facts, PrintStream out)
                throws ProvisioningException {
            String expected = vendorKcv;
            if (expected == null) {
                out.print("Vendor's KCV of the whole key (6 hex digits; Enter to skip): ");
                out.flush();
                expected = readLine();
            }
            if (expected == null || expected.isBlank()) {
                out.println("KCV not compared with the vendor's: compare it before the first unit");
                return;
            }
            String e = expected.trim().toUpperCase(Locale.ROOT);
            if (e.equals(facts.kcvEcb()) || e.equals(facts.kcvCmac())) {
                out.println("KCV matches the vendor's (" + (e.equals(facts.kcvEcb()) ? KekFacts.ECB : KekFacts.CMAC) + ")");
                return;
            }
            st.hsm().keks().retire(KekOrigin.PRODUCTION);
            throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, "the KEK's KCV " + KekCeremony.kcvText(
                    new String[] {facts.kcvEcb(), facts.kcvCmac()}) + " is not the vendor's " + e
                    + "; the KEK was removed from the token again");
        }

        private static String readLine() throws ProvisioningException {
            Console console = System.console();
            if (console != null) {
                return console.readLine();
            }
            try {
                return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
            } catch (IOException e) {
                throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "cannot read the vendor's KCV", e.getMessage(), e);
            }
        }
    }

    /** {@code kek import-key}: the key-import public key (PEM) the vendor wraps the KEK to; made in the HSM on first use. */
    @Command(name = "import-key", mixinStandardHelpOptions = true,
            description = "Print (or write with --out) the station's key-import public key (RSA-3072, born in the HSM).")
    static final class ImportKey implements Callable<Integer> {

        @Option(names = "--out", paramLabel = "FILE", description = "Write the PEM here too.")
        Path outFile;

        @Mixin
        Station station = new Station();

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            PrintStream out = System.out;
            DataDir dir = DataDir.resolve(station.dataDir);
            try (EmbeddedStation st = station.open(System.err)) {
                StationAccess access = StationAccess.embedded(dir, new SecureRandom(), Clock.systemUTC(),
                        System.err::println).anchorWith(st.actionAnchor());
                SignedIn who = signIn.require(access, dir, Action.HSM_ADMIN, "key-import key");
                return RecordedAction.run(access, who, Action.HSM_ADMIN, "key-import key", null, () -> {
                    PublicKey key = st.hsm().keks().importKey();
                    String pem = Pem.encode("PUBLIC KEY", key.getEncoded());
                    if (outFile != null) {
                        try {
                            Files.writeString(outFile, pem);
                        } catch (IOException e) {
                            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "cannot write " + outFile,
                                    e.getMessage(), e);
                        }
                    }
                    out.print(pem);
                    return ExitCode.OK;
                });
            }
        }
    }

    /** {@code kek list}: the KEKs in the token with label, origin, KCVs and methods, created, by whom. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "The transport KEKs in the station's HSM.")
    static final class ListKeks implements Callable<Integer> {

        @Mixin
        Station station = new Station();

        @Override
        public Integer call() throws ProvisioningException {
            try (EmbeddedStation st = station.open(System.err)) {
                List<KekFacts> all = st.hsm().keks().list();
                if (all.isEmpty()) {
                    System.out.println("no transport KEK in HSM token '" + st.hsm().tokenLabel() + "'");
                }
                for (KekFacts f : all) {
                    System.out.println(line(f));
                }
                return ExitCode.OK;
            }
        }

        static String line(KekFacts f) {
            return f.label() + "  " + f.origin().evidenceName() + "  "
                    + KekCeremony.kcvText(new String[] {f.kcvEcb(), f.kcvCmac()}) + "  created "
                    + Optional.ofNullable(f.created()).orElse("?") + "  by " + Optional.ofNullable(f.by()).orElse("?")
                    + "  (" + Optional.ofNullable(f.how()).orElse("imported outside hallmark") + ")";
        }
    }

    /** {@code kek retire}: removes the production KEK (rotation: retire, then import the next). */
    @Command(name = "retire", mixinStandardHelpOptions = true,
            description = "Destroy the production transport KEK in the HSM (rotation: retire, then 'kek import').")
    static final class Retire implements Callable<Integer> {

        @Option(names = "--simulated", description = "Retire the simulated vendor's KEK instead.")
        boolean simulated;

        @Mixin
        Station station = new Station();

        @Mixin
        SignIn signIn = new SignIn();

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            DataDir dir = DataDir.resolve(station.dataDir);
            try (EmbeddedStation st = station.open(System.out)) {
                StationAccess access = StationAccess.embedded(dir, new SecureRandom(), Clock.systemUTC(),
                        System.out::println).anchorWith(st.actionAnchor());
                SignedIn who = signIn.require(access, dir, Action.KEK_CEREMONY, "transport KEK");
                return RecordedAction.run(access, who, Action.KEK_CEREMONY, "transport KEK", null, () -> {
                    Optional<KekFacts> gone = st.hsm().keks().retire(simulated ? KekOrigin.SIMULATED_VENDOR
                            : KekOrigin.PRODUCTION);
                    if (gone.isEmpty()) {
                        throw new ProvisioningException(ErrorCode.HSM_KEY_MISSING, "no such transport KEK to retire");
                    }
                    System.out.println("retired " + ListKeks.line(gone.get()));
                    access.control().record(who, Action.KEK_CEREMONY, "transport KEK", null, "OK",
                            ListKeks.line(gone.get()));
                    return ExitCode.OK;
                });
            }
        }
    }
}
