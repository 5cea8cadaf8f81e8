package dev.hallmark.app.kek;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.OwnerOnlyFiles;
import dev.hallmark.hsm.keystore.KekFacts;
import dev.hallmark.hsm.keystore.KekImports;
import dev.hallmark.hsm.keystore.KekSplitImport;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import java.io.Console;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * The two forms of the transport-KEK ceremony, as the station runs them: split knowledge (each custodian's component
 * from hidden console input or the custodian's own 0600 file, each shown with its KCVs) and wrapped import (the
 * vendor's KEK wrapped to the station's key-import key, unwrapped in the token). Returns what the action log records.
 */
public final class KekCeremony {

    private static final int KEK_BYTES = 32;

    /** What was stored, and the action log's line: the form, every custodian, the KCVs, where the parts were combined. */
    public record Result(KekFacts facts, String logDetail) {
    }

    private KekCeremony() {
    }

    /** Split knowledge with {@code custodians.size()} components (2 or 3), from {@code files} if given, else the console. */
    public static Result split(Pkcs11Station hsm, List<String> custodians, List<Path> files, Console console,
            Consumer<String> say, Instant now) throws ProvisioningException {
        int n = custodians.size();
        if (n < 2 || n > 3) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "split knowledge takes 2 or 3 custodians"
                    + " (--custodian NAME for each), not " + n);
        }
        if (!files.isEmpty() && files.size() != n) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "one --component-file per custodian: " + n
                    + " custodians, " + files.size() + " files");
        }
        if (files.isEmpty() && console == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "components are typed on a terminal (hidden) or"
                    + " read from one 0600 --component-file per custodian; this process has no terminal");
        }
        KekImports keks = hsm.keks();
        StringBuilder log = new StringBuilder("split knowledge, " + n + " components; custodians "
                + String.join(", ", custodians));
        try (KekSplitImport split = keks.split()) {
            say.accept(split.combinesInToken()
                    ? "this HSM combines the components itself (CKM_XOR_BASE_AND_DATA): they are XORed inside the token"
                    : "this HSM cannot combine components (no CKM_XOR_BASE_AND_DATA in its mechanism list): they are"
                    + " XORed in one 32-byte array in the station's memory, zeroed as soon as the KEK is in the token");
            for (int i = 0; i < n; i++) {
                String who = custodians.get(i);
                byte[] component = files.isEmpty() ? fromConsole(console, i + 1, n, who) : fromFile(files.get(i), who);
                String[] kcv = split.add(component);
                String line = "component " + (i + 1) + " of " + n + " (custodian " + who + "): " + kcvText(kcv);
                say.accept(line);
                log.append("; ").append(line);
            }
            String how = "split knowledge, " + n + " components ("
                    + (split.combinesInToken() ? "combined inside the HSM" : "combined in one zeroed array in the JVM:"
                    + " token has no CKM_XOR_BASE_AND_DATA") + ")";
            KekFacts facts = split.finish(now.toString(), String.join(", ", custodians), how);
            say.accept("production transport KEK '" + facts.label() + "' stored in HSM token '" + hsm.tokenLabel()
                    + "': " + kcvText(new String[] {facts.kcvEcb(), facts.kcvCmac()})
                    + " - compare with the vendor's KCV of the whole key");
            log.append("; KEK ").append(kcvText(new String[] {facts.kcvEcb(), facts.kcvCmac()})).append("; ")
                    .append(split.combinesInToken() ? "combined inside the HSM (CKM_XOR_BASE_AND_DATA)"
                            : "combined in one 32-byte array in the JVM, zeroed at once (the token has no"
                            + " CKM_XOR_BASE_AND_DATA)");
            return new Result(facts, log.toString());
        }
    }

    /** The vendor's KEK, RSA-OAEP-wrapped to the key-import key, unwrapped in the token. */
    public static Result wrapped(Pkcs11Station hsm, Path wrappedFile, String oaepHash, List<String> custodians,
            Consumer<String> say, Instant now) throws ProvisioningException {
        byte[] wrapped;
        try {
            wrapped = Files.readAllBytes(wrappedFile);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "cannot read the wrapped KEK " + wrappedFile,
                    e.getMessage(), e);
        }
        String by = custodians.isEmpty() ? "(no custodian named)" : String.join(", ", custodians);
        KekFacts facts = hsm.keks().importWrapped(wrapped, oaepHash, now.toString(), by);
        String kcv = kcvText(new String[] {facts.kcvEcb(), facts.kcvCmac()});
        say.accept("production transport KEK '" + facts.label() + "' unwrapped inside HSM token '" + hsm.tokenLabel()
                + "': " + kcv + " - compare with the vendor's KCV");
        return new Result(facts, "wrapped import (RSA-OAEP " + oaepHash + ") of " + wrappedFile.getFileName()
                + "; custodians " + by + "; KEK " + kcv + "; unwrapped inside the HSM");
    }

    /** "KCV 1A2B3C (AES-ECB zero block), 4D5E6F (AES-CMAC zero block)". */
    public static String kcvText(String[] kcv) {
        StringBuilder b = new StringBuilder("KCV ");
        if (kcv[0] != null) {
            b.append(kcv[0]).append(" (").append(KekFacts.ECB).append(')');
        }
        if (kcv[1] != null) {
            b.append(kcv[0] != null ? ", " : "").append(kcv[1]).append(" (").append(KekFacts.CMAC).append(')');
        }
        return kcv[0] == null && kcv[1] == null ? "KCV unknown" : b.toString();
    }

    private static byte[] fromConsole(Console console, int i, int n, String who) throws ProvisioningException {
        char[] typed = console.readPassword("Component %d of %d, custodian %s (64 hex digits, hidden): ", i, n, who);
        if (typed == null) {
            throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, "no component entered; nothing was stored");
        }
        try {
            return HexSecret.decode(typed, KEK_BYTES, "component " + i);
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    private static byte[] fromFile(Path file, String who) throws ProvisioningException {
        byte[] raw = null;
        try {
            if (!OwnerOnlyFiles.openToOthers(file).isEmpty()) {
                throw new ProvisioningException(ErrorCode.KEK_CEREMONY_REFUSED, "custodian " + who + "'s component file "
                        + file + " is readable by others; chmod 600 it");
            }
            raw = Files.readAllBytes(file);
            return HexSecret.decode(raw, KEK_BYTES, "custodian " + who + "'s component");
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "cannot read the component file " + file,
                    e.getMessage(), e);
        } finally {
            if (raw != null) {
                Arrays.fill(raw, (byte) 0);
            }
        }
    }
}
