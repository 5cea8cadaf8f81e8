package dev.hallmark.app.station;

import dev.hallmark.app.config.DataDir;
import dev.hallmark.ca.embedded.IssuedLogReader;
import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.db.chain.FindingKind;
import dev.hallmark.db.records.AuditTrust;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ChainHeadWitness;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Chooses what a verification trusts (decision 0018): a plant trust list or the auditor's pins where given, else the
 * audit key in the station token where it is at hand, else nothing ("unpinned"). {@code audit-signer.sha256} in the
 * data directory is never trusted by itself: it is compared with the token, and a mismatch is a finding. Also reads
 * the token's head counter and the embedded CA's issued log for the truncation checks.
 */
public final class AuditPins {

    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private AuditPins() {
    }

    /**
     * @param token       the station token where it is at hand
     * @param tokenWhy    why the token is out of reach, when it is
     * @param auditorPins {@code --trust-key-sha256} values (may be empty)
     * @param trustList   {@code --trust-list} file, or null
     */
    public static AuditTrust resolve(DataDir dir, Optional<StationTokenView> token, String tokenWhy,
                                     List<String> auditorPins, Path trustList) throws ProvisioningException {
        List<ChainFinding> findings = new ArrayList<>();
        String tokenKey = token.map(StationTokenView::auditKeySha256).orElse(null);
        Optional<String> pinFile = pinFile(dir);
        if (tokenKey != null && pinFile.isPresent() && !pinFile.get().equals(tokenKey)) {
            findings.add(new ChainFinding(FindingKind.PIN_MISMATCH, StationAuditKey.FINGERPRINT_FILE, null,
                    token.get().station(), null, "the data directory's pin names key sha256 " + pinFile.get()
                    + " but the station token's audit key is sha256 " + tokenKey + " (the file was replaced or the"
                    + " history comes from another station)"));
        }
        AuditTrust.Pin pin;
        String detail;
        ChainVerifier verifier;
        if (trustList != null) {
            Map<String, Set<String>> list = trustList(trustList);
            pin = AuditTrust.Pin.TRUST_LIST;
            detail = list.size() + " station(s) from " + trustList;
            verifier = ChainVerifier.trustingStations(list);
            if (tokenKey != null && !list.getOrDefault(token.get().station(), Set.of()).contains(tokenKey)) {
                findings.add(tokenNotPinned(token.get(), "the trust list"));
            }
        } else if (!auditorPins.isEmpty()) {
            Set<String> pins = new TreeSet<>();
            for (String p : auditorPins) {
                pins.add(sha256(p));
            }
            pin = AuditTrust.Pin.AUDITOR;
            detail = "key sha256 " + String.join(", ", pins);
            verifier = ChainVerifier.trusting(pins);
            if (tokenKey != null && !pins.contains(tokenKey)) {
                findings.add(tokenNotPinned(token.get(), "--trust-key-sha256"));
            }
        } else if (tokenKey != null) {
            pin = AuditTrust.Pin.TOKEN;
            detail = "station " + token.get().station() + " audit key sha256 " + tokenKey + ", read from the token";
            verifier = ChainVerifier.trusting(Set.of(tokenKey));
        } else {
            return new AuditTrust(AuditTrust.Pin.UNPINNED, tokenWhy + "; no --trust-key-sha256 or --trust-list was given,"
                    + " and " + StationAuditKey.FINGERPRINT_FILE + " in the data directory is not trusted by itself",
                    ChainVerifier.acceptingStoredKeys(), findings, List.of(), issued(dir));
        }
        List<ChainHeadWitness.Head> heads = token.isPresent() ? token.get().heads() : List.of();
        return new AuditTrust(pin, detail, verifier, findings, heads, issued(dir));
    }

    private static ChainFinding tokenNotPinned(StationTokenView token, String source) {
        return new ChainFinding(FindingKind.PIN_MISMATCH, "token", null, token.station(), null,
                "the station token's audit key sha256 " + token.auditKeySha256() + " is not pinned by " + source);
    }

    private static Optional<String> pinFile(DataDir dir) throws ProvisioningException {
        Path file = dir.root().resolve(StationAuditKey.FINGERPRINT_FILE);
        try {
            return Files.exists(file) ? Optional.of(Files.readString(file, StandardCharsets.US_ASCII).trim())
                    : Optional.empty();
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.DATA_DIR_UNUSABLE, "the audit key fingerprint " + file
                    + " cannot be read", e.getMessage(), e);
        }
    }

    private static List<AuditTrust.IssuedEntry> issued(DataDir dir) throws ProvisioningException {
        List<AuditTrust.IssuedEntry> out = new ArrayList<>();
        for (IssuedLogReader.Issued i : IssuedLogReader.read(dir.ca())) {
            out.add(new AuditTrust.IssuedEntry(i.serialHex(), i.sha256(), i.subject(), i.revoked()));
        }
        return out;
    }

    /** A trust list: one {@code station-id sha256} pair per line; blank lines and {@code #} comments are skipped. */
    static Map<String, Set<String>> trustList(Path file) throws ProvisioningException {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_TRUST_LIST_INVALID, "the trust list " + file
                    + " cannot be read", e.getMessage(), e);
        }
        Map<String, Set<String>> list = new TreeMap<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\\s+");
            if (f.length != 2 || !SHA256.matcher(f[1]).matches()) {
                throw new ProvisioningException(ErrorCode.AUDIT_TRUST_LIST_INVALID, "line " + (i + 1) + " of the trust"
                        + " list " + file + " is not 'station-id sha256'");
            }
            list.computeIfAbsent(f[0], k -> new TreeSet<>()).add(f[1]);
        }
        if (list.isEmpty()) {
            throw new ProvisioningException(ErrorCode.AUDIT_TRUST_LIST_INVALID, "the trust list " + file
                    + " names no station");
        }
        return list;
    }

    private static String sha256(String value) throws ProvisioningException {
        String v = value.strip().toLowerCase(java.util.Locale.ROOT);
        if (!SHA256.matcher(v).matches()) {
            throw new ProvisioningException(ErrorCode.AUDIT_PIN_INVALID, "--trust-key-sha256 '" + value
                    + "' is not 64 hex digits");
        }
        return v;
    }
}
