package dev.hallmark.app.cli;

import dev.hallmark.app.access.PasswordInput;
import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.SecretFile;
import dev.hallmark.app.station.StationSecurityOfficer;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.access.StationAccounts;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Role;
import dev.hallmark.engine.port.OperatorAccount;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code hallmark operator}: the people and service accounts who may sign in, managed by an admin. */
@Command(name = "operator", description = "Operators: add, list, passwd, lock, unlock (admin)", mixinStandardHelpOptions = true,
        subcommands = {OperatorCommand.Add.class, OperatorCommand.ListAll.class, OperatorCommand.Passwd.class,
            OperatorCommand.Lock.class, OperatorCommand.Unlock.class})
public final class OperatorCommand {

    /** Shortest password an operator may choose. */
    static final int MIN_PASSWORD = 12;
    /** The new password's source: HALLMARK_NEW_PASSWORD_FILE, HALLMARK_NEW_PASSWORD, or a prompt. */
    static final String NEW_PASSWORD = "HALLMARK_NEW_PASSWORD";

    private OperatorCommand() {
    }

    /** What every operator command shares: the data directory, the sign-in and the open database. */
    abstract static class Base implements Callable<Integer> {
        @Option(names = "--data-dir", paramLabel = "DIR", description = "The station's data directory.")
        Path dataDir;

        @Mixin
        SignIn signIn = new SignIn();

        @Option(names = "--generate", description = "Generate the new password and show it once on stdout.")
        boolean generate;

        @Option(names = "--secret-file", paramLabel = "FILE",
                description = "Generate the new secret and write it to this file (mode 0600), for a service account.")
        Path secretFile;

        final SecureRandom random = new SecureRandom();

        abstract Action action();

        abstract String target();

        /** The command's work, signed in and with the database open. */
        abstract int work(StationAccess access, SignedIn who) throws ProvisioningException;

        /** Whether {@code who} may do it without the admin role (an operator changing their own password). */
        boolean selfService(SignedIn who) {
            return false;
        }

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            try (PinnedAudit audit = PinnedAudit.open(dir, List.of(), null)) {
                // refused sign-ins and lockouts are anchored into the chain at once where the token is at hand
                StationAccess access = audit.access(dir, Clock.systemUTC(), System.out::println);
                SignedIn who = signIn.signIn(access, dir);
                if (!selfService(who)) {
                    access.control().authorize(who, action(), target());
                }
                return RecordedAction.run(access, who, action(), target(), null, () -> work(access, who));
            }
        }

        /** The new password: generated (shown once or filed), or read from the environment or a prompt. */
        char[] newPassword(String name) throws ProvisioningException {
            if (generate || secretFile != null) {
                char[] secret = StationAccounts.randomSecret(random, 24);
                if (secretFile != null) {
                    SecretFile.writeChars(secretFile, secret);
                    System.out.println("the secret of '" + name + "' is in " + secretFile + " (mode 0600)");
                } else {
                    System.out.println("password of '" + name + "': " + new String(secret)
                            + " - shown only this once");
                }
                return secret;
            }
            char[] typed = PasswordInput.system().read(NEW_PASSWORD, "new password of " + name);
            if (typed.length < MIN_PASSWORD) {
                Arrays.fill(typed, '\0');
                throw new ProvisioningException(ErrorCode.PASSWORD_WEAK, "the new password of '" + name + "' has fewer than "
                        + MIN_PASSWORD + " characters");
            }
            return typed;
        }
    }

    /** {@code hallmark operator add NAME --role R}: a new operator or service account. */
    @Command(name = "add", mixinStandardHelpOptions = true, description = "Add an operator (admin).")
    static final class Add extends Base {
        @Parameters(index = "0", paramLabel = "NAME", description = "Sign-in name (letters, digits, . _ -).")
        String name;

        @Option(names = "--role", required = true, paramLabel = "ROLE",
                description = "operator, supervisor, auditor or admin (repeatable).")
        List<String> roles;

        @Option(names = "--service", description = "A service account for scripts (sign in with a secret file).")
        boolean service;

        @Override
        Action action() {
            return Action.OPERATOR_ADMIN;
        }

        @Override
        String target() {
            return "add " + name;
        }

        @Override
        int work(StationAccess access, SignedIn who) throws ProvisioningException {
            if (!name.matches("[A-Za-z0-9._-]{1,64}")) {
                throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, "'" + name
                        + "' is not a valid operator name (1-64 letters, digits, '.', '_' or '-')");
            }
            Set<Role> chosen = EnumSet.noneOf(Role.class);
            for (String role : roles) {
                try {
                    chosen.add(Role.parse(role));
                } catch (IllegalArgumentException e) {
                    throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, e.getMessage());
                }
            }
            char[] password = newPassword(name);
            try {
                var now = access.clock().instant();
                access.directory().create(new OperatorAccount(name, chosen, access.hasher().hash(password).encode(), 0,
                        false, service, now, now));
            } finally {
                Arrays.fill(password, '\0');
            }
            System.out.println("added " + (service ? "service account " : "operator ") + name + " ("
                    + chosen.stream().map(Role::label).collect(Collectors.joining(",")) + ")");
            return ExitCode.OK;
        }
    }

    /** {@code hallmark operator list}: every account with its roles and state; never a hash. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List operators (admin).")
    static final class ListAll extends Base {
        @Override
        Action action() {
            return Action.OPERATOR_ADMIN;
        }

        @Override
        String target() {
            return "list";
        }

        @Override
        int work(StationAccess access, SignedIn who) throws ProvisioningException {
            for (OperatorAccount a : access.directory().list()) {
                System.out.printf("%-16s %-28s %-8s %s%n", a.name(),
                        a.roles().stream().map(Role::label).sorted().collect(Collectors.joining(",")),
                        a.service() ? "service" : "person",
                        a.locked() ? "LOCKED" : a.failedSignIns() > 0 ? a.failedSignIns() + " failed sign-in(s)" : "ok");
            }
            return ExitCode.OK;
        }
    }

    /** {@code hallmark operator passwd NAME}: a new password (admin, or the operator for themselves); unlocks. */
    @Command(name = "passwd", mixinStandardHelpOptions = true,
            description = "Set a new password and unlock the account (admin, or an operator for their own account).")
    static final class Passwd extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Action action() {
            return Action.OPERATOR_ADMIN;
        }

        @Override
        String target() {
            return "passwd " + name;
        }

        @Override
        boolean selfService(SignedIn who) {
            return who.name().equals(name) && !who.service();
        }

        @Override
        int work(StationAccess access, SignedIn who) throws ProvisioningException {
            if (access.directory().find(name).isEmpty()) {
                throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, "there is no operator named '" + name + "'");
            }
            char[] password = newPassword(name);
            try {
                access.directory().setPassword(name, access.hasher().hash(password).encode(), access.clock().instant());
            } finally {
                Arrays.fill(password, '\0');
            }
            System.out.println("new password set for " + name + "; the account is unlocked");
            return ExitCode.OK;
        }
    }

    /** {@code hallmark operator lock NAME}: refuses the account's sign-ins until an admin sets a new password. */
    @Command(name = "lock", mixinStandardHelpOptions = true, description = "Lock an operator's account (admin).")
    static final class Lock extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Override
        Action action() {
            return Action.OPERATOR_ADMIN;
        }

        @Override
        String target() {
            return "lock " + name;
        }

        @Override
        int work(StationAccess access, SignedIn who) throws ProvisioningException {
            OperatorAccount account = access.directory().find(name).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.OPERATOR_INVALID, "there is no operator named '" + name + "'"));
            access.control().requireNotLastAdmin(who, account.name(), target());
            access.directory().updateState(name, account.failedSignIns(), true, access.clock().instant());
            System.out.println("locked " + name + "; 'hallmark operator passwd " + name + "' unlocks it");
            return ExitCode.OK;
        }
    }

    /**
     * {@code hallmark operator unlock NAME}: an admin clears the lock and the failed sign-ins. With
     * {@code --break-glass} nobody signs in: the station token must accept its security officer's PIN (from a
     * prompt or a 0600 file, never an argument), and the unlock is recorded as the security officer's action.
     */
    @Command(name = "unlock", mixinStandardHelpOptions = true, description = "Unlock an operator's account (admin), "
            + "or with --break-glass and the HSM security officer PIN when no admin can sign in.")
    static final class Unlock extends Base {
        @Parameters(index = "0", paramLabel = "NAME")
        String name;

        @Option(names = "--break-glass", description = "Unlock without an admin's sign-in; needs the HSM SO PIN.")
        boolean breakGlass;

        @Option(names = "--so-pin-file", paramLabel = "FILE",
                description = "The HSM security officer PIN in a 0600 file (default: a prompt without echo).")
        Path soPinFile;

        @Override
        Action action() {
            return Action.OPERATOR_ADMIN;
        }

        @Override
        String target() {
            return "unlock " + name;
        }

        @Override
        public Integer call() throws ProvisioningException, InterruptedException {
            if (!breakGlass) {
                return super.call();
            }
            DataDir dir = DataDir.resolve(dataDir);
            AuditCommand.requireDatabase(dir);
            char[] soPin = soPin();
            try (AuditDatabase db = AuditDatabase.openH2(dir.audit())) {
                StationAccess access = StationAccess.embedded(dir, random, Clock.systemUTC(), System.out::println);
                if (access.directory().find(name).isEmpty()) {
                    throw new ProvisioningException(ErrorCode.OPERATOR_INVALID, "there is no operator named '"
                            + name + "'");
                }
                String proof;
                try {
                    proof = StationSecurityOfficer.verify(dir, soPin);
                } catch (ProvisioningException refused) {
                    access.control().breakGlassRefused(name, refused.code().id() + " " + refused.getMessage());
                    throw refused;
                }
                access.control().breakGlassUnlock(name, proof);
                System.out.println("break-glass: unlocked " + name + "; recorded as the security officer's action");
                return ExitCode.OK;
            } finally {
                Arrays.fill(soPin, '\0');
            }
        }

        private char[] soPin() throws ProvisioningException {
            if (soPinFile != null) {
                return PasswordInput.fromFile(soPinFile, "HSM security officer PIN");
            }
            java.io.Console console = System.console();
            char[] typed = console == null ? null : console.readPassword("HSM security officer PIN: ");
            if (typed == null || typed.length == 0) {
                throw new ProvisioningException(ErrorCode.BREAK_GLASS_REFUSED, "no security officer PIN was given "
                        + "(--so-pin-file FILE with mode 0600, or run on a terminal)");
            }
            return typed;
        }

        @Override
        int work(StationAccess access, SignedIn who) throws ProvisioningException {
            OperatorAccount account = access.directory().find(name).orElseThrow(() -> new ProvisioningException(
                    ErrorCode.OPERATOR_INVALID, "there is no operator named '" + name + "'"));
            access.directory().updateState(account.name(), 0, false, access.clock().instant());
            System.out.println("unlocked " + name);
            return ExitCode.OK;
        }
    }
}
