package dev.hallmark.app.cli;

import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.station.AuditPins;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.StationTokenView;
import dev.hallmark.db.chain.CheckpointReason;
import dev.hallmark.db.records.AuditTrust;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.AuditOptions;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The auditor's commands' view of a station (decision 0018): the station token where it is at hand, the pin chosen
 * for the verification, the audit database (signing with the token's key, so refusals are anchored at once) and the
 * access control on it.
 */
final class PinnedAudit implements AutoCloseable {

    private final Optional<StationTokenView> token;
    private final AuditTrust trust;
    private final AuditDatabase db;

    private PinnedAudit(Optional<StationTokenView> token, AuditTrust trust, AuditDatabase db) {
        this.token = token;
        this.trust = trust;
        this.db = db;
    }

    /** Opens the token (if at hand), resolves the pin from {@code trusted} / {@code trustList} / the token, opens the database. */
    static PinnedAudit open(DataDir dir, List<String> trusted, Path trustList) throws ProvisioningException {
        StringBuilder why = new StringBuilder();
        Optional<StationTokenView> token = StationTokenView.open(dir, SoftHsmToken.defaultModule(), why::append);
        try {
            AuditTrust trust = AuditPins.resolve(dir, token, why.toString(), trusted == null ? List.of() : trusted,
                    trustList);
            AuditOptions options = token.map(t -> AuditOptions.defaults().withSigner(t.signer()))
                    .orElse(AuditOptions.defaults());
            return new PinnedAudit(token, trust, AuditDatabase.openH2(dir.audit(), options));
        } catch (ProvisioningException | RuntimeException e) {
            token.ifPresent(StationTokenView::close);
            throw e;
        }
    }

    /** The station's access control, anchoring refusals at once where the token is at hand. */
    StationAccess access(DataDir dir, Clock clock, Consumer<String> say) throws ProvisioningException {
        StationAccess access = StationAccess.embedded(dir, new SecureRandom(), clock, say);
        token.ifPresent(t -> access.anchorWith(() -> db.store().checkpoint(t.station(), CheckpointReason.ACTION_ANCHOR)));
        return access;
    }

    /** The station token, where it is at hand. */
    Optional<StationTokenView> token() {
        return token;
    }

    AuditTrust trust() {
        return trust;
    }

    AuditDatabase db() {
        return db;
    }

    @Override
    public void close() {
        try {
            db.close();
        } finally {
            token.ifPresent(StationTokenView::close);
        }
    }
}
