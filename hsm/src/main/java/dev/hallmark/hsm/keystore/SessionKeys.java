package dev.hallmark.hsm.keystore;

import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * Session-object key pairs and the sessions that keep them alive. A session object dies with the session that
 * created it, so that session stays out of the pool, owned here, until the key is destroyed.
 */
final class SessionKeys {

    /** A session key: its owning session (used only under this object's lock) and its private key handle. */
    static final class Entry {
        private final Session session;
        private final long privateKey;

        Entry(Session session, long privateKey) {
            this.session = session;
            this.privateKey = privateKey;
        }

        Session session() {
            return session;
        }

        long privateKey() {
            return privateKey;
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);

    private final Map<String, Entry> byAlias = new ConcurrentHashMap<>();

    void put(String alias, Session owner, long privateKey) {
        byAlias.put(alias, new Entry(owner, privateKey));
    }

    Optional<Entry> get(String alias) {
        return Optional.ofNullable(byAlias.get(alias));
    }

    Optional<Entry> remove(String alias) {
        return Optional.ofNullable(byAlias.remove(alias));
    }

    int size() {
        return byAlias.size();
    }

    /** Closes the owning session, which also destroys every session object still in it. */
    static void close(Entry entry) {
        synchronized (entry) {
            try {
                entry.session.closeSession();
            } catch (PKCS11Exception e) {
                LOG.warn("Closing a session-key session failed: {}", Pkcs11Errors.ckrName(e.getErrorCode()));
            }
        }
    }

    /** Discards every session key (the station is closing); their objects die with their sessions. */
    void discardAll() {
        if (!byAlias.isEmpty()) {
            LOG.info("Discarding {} session key(s) that were never destroyed", byAlias.size());
        }
        for (String alias : byAlias.keySet()) {
            remove(alias).ifPresent(SessionKeys::close);
        }
    }
}
