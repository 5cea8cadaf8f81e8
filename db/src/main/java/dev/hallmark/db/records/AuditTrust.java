package dev.hallmark.db.records;

import dev.hallmark.db.chain.ChainFinding;
import dev.hallmark.db.chain.ChainVerifier;
import dev.hallmark.engine.port.ChainHeadWitness;
import java.util.List;
import java.util.Objects;

/**
 * What a verification trusts beyond the database (decision 0018): the pin of the station keys and where it came from,
 * findings made while resolving it (a pin file that disagrees with the token), the heads the token's counter holds,
 * and the certificates the CA's own log says it issued.
 *
 * @param pin         where the trusted keys came from
 * @param pinDetail   the keys (or the reason there are none), for the report's pin line
 * @param verifier    the chain verifier holding those keys
 * @param pinFindings findings made while resolving the pin
 * @param tokenHeads  heads read from the station token's head counter (empty where the token is out of reach)
 * @param issued      the CA's issued log (empty where there is none or it was not read)
 */
public record AuditTrust(Pin pin, String pinDetail, ChainVerifier verifier, List<ChainFinding> pinFindings,
                         List<ChainHeadWitness.Head> tokenHeads, List<IssuedEntry> issued) {

    /** Where a verification's trusted keys came from. */
    public enum Pin {
        /** The public key of the audit key in the station token. */
        TOKEN("token"),
        /** {@code --trust-key-sha256} values the auditor brought. */
        AUDITOR("auditor pin"),
        /** A plant trust list of station id and key fingerprint pairs. */
        TRUST_LIST("trust list"),
        /** None: the keys stored in the database were accepted, which anyone who can write it may replace. */
        UNPINNED("unpinned");

        private final String label;

        Pin(String label) {
            this.label = label;
        }

        /** The pin's name in reports: {@code token}, {@code auditor pin}, {@code trust list}, {@code unpinned}. */
        public String label() {
            return label;
        }
    }

    /**
     * One certificate of the CA's issued log.
     *
     * @param serialHex the serial, upper-case hex
     * @param sha256    SHA-256 of the certificate's DER, lower-case hex
     * @param subject   its subject
     * @param revoked   whether the CA's revocation log names it
     */
    public record IssuedEntry(String serialHex, String sha256, String subject, boolean revoked) {
        public IssuedEntry {
            Objects.requireNonNull(serialHex, "serialHex");
            Objects.requireNonNull(sha256, "sha256");
            Objects.requireNonNull(subject, "subject");
        }
    }

    public AuditTrust {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(pinDetail, "pinDetail");
        Objects.requireNonNull(verifier, "verifier");
        pinFindings = List.copyOf(pinFindings);
        tokenHeads = List.copyOf(tokenHeads);
        issued = List.copyOf(issued);
    }

    /** No pin, no token, no CA log: the stored keys are accepted and the report says "unpinned". */
    public static AuditTrust unpinned(String why) {
        return new AuditTrust(Pin.UNPINNED, why, ChainVerifier.acceptingStoredKeys(), List.of(), List.of(), List.of());
    }

    /** Whether the keys were pinned to something an attacker with the database cannot replace. */
    public boolean pinned() {
        return pin != Pin.UNPINNED;
    }

    /** The report's pin line. */
    public String pinLine() {
        return "pin: " + pin.label() + " (" + pinDetail + ")";
    }
}
