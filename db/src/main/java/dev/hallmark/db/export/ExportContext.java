package dev.hallmark.db.export;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What some exports need beyond the database: the clock (the manifest's creation time), the CA chain (PEM
 * bundle, AWS lines; issuing CA first, root last) and the station's signer (manifest). Immutable.
 */
public final class ExportContext {

    private final Clock clock;
    private final List<X509Certificate> caChain;
    private final JwsSigner signer;

    private ExportContext(Clock clock, List<X509Certificate> caChain, JwsSigner signer) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.caChain = List.copyOf(caChain);
        this.signer = signer;
    }

    /** A context with only a clock: enough for CSV and JSON lines. */
    public static ExportContext of(Clock clock) {
        return new ExportContext(clock, List.of(), null);
    }

    /** The same context with the CA chain, issuing CA first, root last. */
    public ExportContext withCaChain(List<X509Certificate> chain) {
        return new ExportContext(clock, chain, signer);
    }

    /** The same context with the station's manifest signer. */
    public ExportContext withSigner(JwsSigner jwsSigner) {
        return new ExportContext(clock, caChain, Objects.requireNonNull(jwsSigner, "jwsSigner"));
    }

    public Clock clock() {
        return clock;
    }

    /** The CA chain, issuing CA first; empty when none was given. */
    public List<X509Certificate> caChain() {
        return caChain;
    }

    public Optional<JwsSigner> signer() {
        return Optional.ofNullable(signer);
    }

    /** The CA chain, refusing when none was given: {@code format} names the export in the message. */
    List<X509Certificate> requireCaChain(ExportFormat format) throws ProvisioningException {
        if (caChain.isEmpty()) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the " + format.cliName() + " export needs the CA chain, and none was given");
        }
        return caChain;
    }

    JwsSigner requireSigner(ExportFormat format) throws ProvisioningException {
        if (signer == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID,
                    "the " + format.cliName() + " export needs the station's signing key, and none was given");
        }
        return signer;
    }
}
