package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_LOGIN_REQUIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Arrays;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

/**
 * One token of a shared module, found by label or serial and logged in as user. After the token lost this
 * station's sessions or login it is found again (it may sit in another slot after being reinserted) and logged
 * in again with a PIN fetched from the {@link PinSource} and wiped right after C_Login. A PIN the token refused
 * is never tried again: every later reconnect fails at once until the station is reopened.
 */
public final class TokenConnection {

    private static final Logger LOG = LoggerFactory.getLogger(TokenConnection.class);

    private final SharedModule module;
    private final TokenSelector selector;
    private final PinSource pinSource;
    private volatile Token token;
    private volatile String label;
    private volatile String key;
    private volatile boolean loginRequired;
    private ProvisioningException pinRefused;
    private boolean closed;

    private TokenConnection(SharedModule module, TokenSelector selector, PinSource pinSource) {
        this.module = module;
        this.selector = selector;
        this.pinSource = pinSource;
    }

    /** Finds the token and logs the user in; returns the connection and, in {@code first}, the session used. */
    static TokenConnection connect(SharedModule module, TokenSelector selector, PinSource pinSource,
            Session[] first) throws ProvisioningException {
        TokenConnection connection = new TokenConnection(module, selector, pinSource);
        first[0] = connection.findAndLogin(false);
        return connection;
    }

    private Session findAndLogin(boolean again) throws ProvisioningException {
        Token found = Slots.find(module, selector).orElseThrow(() -> Pkcs11Errors.tokenNotFound(selector,
                module.path()));
        TokenInfo info;
        try {
            info = found.getTokenInfo();
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, "The HSM token " + selector.describe(), "describe itself");
        }
        String foundLabel = info.getLabel().trim();
        String subject = Pkcs11Errors.token(foundLabel);
        boolean required = info.hasFlagBit(CKF_LOGIN_REQUIRED);
        if (required && info.hasFlagBit(CKF_USER_PIN_LOCKED)) {
            throw new ProvisioningException(ErrorCode.HSM_PIN_LOCKED, subject + " has locked its user PIN.",
                    "CKF_USER_PIN_LOCKED", null);
        }
        if (info.hasFlagBit(CKF_USER_PIN_FINAL_TRY) || info.hasFlagBit(CKF_USER_PIN_COUNT_LOW)) {
            LOG.warn("Token '{}' reports {}: one more wrong PIN may lock it", foundLabel,
                    info.hasFlagBit(CKF_USER_PIN_FINAL_TRY) ? "CKF_USER_PIN_FINAL_TRY" : "CKF_USER_PIN_COUNT_LOW");
        }
        Session session;
        try {
            session = found.openSession(true);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, subject, "open a session");
        }
        String foundKey = info.getManufacturerID().trim() + "|" + info.getModel().trim() + "|"
                + info.getSerialNumber().trim() + "|" + foundLabel;
        try {
            if (required) {
                login(session, foundKey, foundLabel, again);
            }
        } catch (ProvisioningException | RuntimeException e) {
            SessionPool.closeQuietly(session);
            throw e;
        }
        this.token = found;
        this.label = foundLabel;
        this.key = foundKey;
        this.loginRequired = required;
        return session;
    }

    private void login(Session session, String tokenKey, String tokenLabel, boolean again)
            throws ProvisioningException {
        char[] pin = pinSource.pin();
        try {
            if (again) {
                module.loginAgain(session, tokenKey, pin, tokenLabel);
            } else {
                module.loginUser(session, tokenKey, pin, tokenLabel);
            }
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    /**
     * Finds the token again and logs in again; returns a fresh logged-in session. Refuses at once, without asking
     * the token, if the token refused the PIN on an earlier attempt.
     */
    synchronized Session reconnect() throws ProvisioningException {
        if (closed) {
            throw new ProvisioningException(ErrorCode.HSM_OPERATION_FAILED, Pkcs11Errors.token(label)
                    + " is already closed by this station.");
        }
        if (pinRefused != null) {
            throw new ProvisioningException(pinRefused.code(), Pkcs11Errors.token(label) + " refused the PIN when "
                    + "this station logged in again; it will not try that PIN again until the token is reopened.",
                    pinRefused.rawDetail(), pinRefused);
        }
        try {
            Session session = findAndLogin(true);
            LOG.info("Reconnected to token '{}' in {} and logged in again", label, module.path());
            return session;
        } catch (ProvisioningException e) {
            if (e.code() == ErrorCode.HSM_PIN_INCORRECT || e.code() == ErrorCode.HSM_PIN_LOCKED) {
                pinRefused = e;
            }
            throw e;
        }
    }

    /** Opens one more read-write session on the token as last found. */
    Session openSession() throws PKCS11Exception {
        return token.openSession(true);
    }

    /** Whether the session is logged in as user (or the token needs no login at all). */
    boolean isLoggedIn(Session session) throws PKCS11Exception {
        if (!loginRequired) {
            return true;
        }
        long state = session.getSessionInfo().getState();
        return state == CKS_RW_USER_FUNCTIONS || state == CKS_RO_USER_FUNCTIONS;
    }

    /** Gives back this connection's login (the module logs out when no other station of this JVM holds one). */
    synchronized void close(Session session) {
        closed = true;
        if (loginRequired && session != null) {
            module.logoutUser(session, key);
        }
    }

    /** The token's label as the token reports it. */
    public String label() {
        return label;
    }

    /** The wrapper's token object as last found; it changes when the token is found again in another slot. */
    public Token token() {
        return token;
    }

    /** The module this token belongs to. */
    public SharedModule module() {
        return module;
    }
}
