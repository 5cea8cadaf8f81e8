package dev.hallmark.app.station;

import dev.hallmark.app.config.SecretFile;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.config.IssuerFactory;
import dev.hallmark.app.config.StationConfig;
import dev.hallmark.db.chain.CheckpointSigner;
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.db.store.JdbcAuditStore;
import dev.hallmark.db.store.AuditOptions;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.AuditStore;
import dev.hallmark.engine.port.LotStore;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.hsm.keystore.Pkcs11DeviceKeyStore;
import dev.hallmark.hsm.keystore.Pkcs11Station;
import dev.hallmark.hsm.softhsm.SoftHsmToken;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * A station on the embedded default: a SoftHSM2 token in the data directory, the CA of station.yaml
 * (by default an embedded CA whose keys live in that token), and an H2 audit database. Created on first
 * use, reopened afterwards.
 */
public final class EmbeddedStation implements AutoCloseable {

    /** The label of the station's token. */
    public static final String TOKEN_LABEL = "hallmark";
    private static final int PIN_LENGTH = 20;

    private final DataDir dir;
    private final Pkcs11Station hsm;
    private final CertificateIssuer ca;
    private final AuditDatabase database;
    private final StationConfig config;

    private EmbeddedStation(DataDir dir, Pkcs11Station hsm, CertificateIssuer ca, AuditDatabase database,
                            StationConfig config) {
        this.dir = dir;
        this.hsm = hsm;
        this.ca = ca;
        this.database = database;
        this.config = config;
    }

    /** The station's configuration (station.yaml, or the embedded default). */
    public StationConfig config() {
        return config;
    }

    /**
     * Opens the station in {@code dir}, creating token, CA and database first where they do not exist yet.
     * {@code say} receives one line for each thing created.
     */
    public static EmbeddedStation open(DataDir dir, Path pkcs11Module, SecureRandom random, Clock clock,
                                       Consumer<String> say) throws ProvisioningException {
        dir.create();
        StationConfig config = StationConfig.load(dir.root());
        StationToken token = StationToken.of(config.hsm(), dir, pkcs11Module);
        if (token.embedded() && !Files.exists(dir.hsmPin())) {
            char[] soPin = SecretFile.randomPin(random, PIN_LENGTH);
            char[] userPin = SecretFile.randomPin(random, PIN_LENGTH);
            try {
                SecretFile.writeChars(dir.hsmSoPin(), soPin);
                SoftHsmToken.initialize(dir.root(), TOKEN_LABEL, soPin, userPin);
                SecretFile.writeChars(dir.hsmPin(), userPin);
            } finally {
                Arrays.fill(soPin, '\0');
                Arrays.fill(userPin, '\0');
            }
            say.accept("created SoftHSM2 token '" + TOKEN_LABEL + "' in " + dir.root().resolve("tokens")
                    + " (user PIN in " + dir.hsmPin() + ", mode 0600)");
        }
        Pkcs11Station hsm = Pkcs11Station.open(token.module(), token.selector(), token.pin(),
                Pkcs11Station.DEFAULT_POOL_SIZE);
        try {
            CertificateIssuer ca = new IssuerFactory(dir.root(), clock, random)
                    .open(config.ca(), hsm.keyStore(), dir.ca(), say);
            CheckpointSigner auditSigner = StationAuditKey.signer(hsm.keyStore(), dir, say);
            AuditDatabase database = AuditDatabase.openH2(dir.audit(),
                    AuditOptions.defaults().withClock(clock).withSigner(auditSigner));
            return new EmbeddedStation(dir, hsm, ca, database, config);
        } catch (ProvisioningException | RuntimeException e) {
            hsm.close();
            throw e;
        }
    }

    public DataDir dir() {
        return dir;
    }

    public Pkcs11Station hsm() {
        return hsm;
    }

    public Pkcs11DeviceKeyStore keys() {
        return hsm.keyStore();
    }

    public CertificateIssuer issuer() {
        return ca;
    }

    /** The audit store: the unit journal ({@link AuditStore}), its lots ({@link LotStore}) and rework records. */
    public JdbcAuditStore store() {
        return database.store();
    }

    /** The lots of the audit store, as the lot runners need them. */
    public LotStore lots() {
        return database.store();
    }

    /** The audit database, for the auditor's queries and exports. */
    public AuditDatabase database() {
        return database;
    }

    @Override
    public void close() {
        database.close();
        hsm.close();
    }
}
