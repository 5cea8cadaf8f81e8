package dev.hallmark.hsm.keystore;

import dev.hallmark.engine.api.DeviceUid;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session-object key pairs of one store (injected custody). A session object dies with the session that
 * created it; these are created in pooled sessions, which stay open until the station closes or the token loses
 * them, and then the keys are gone anyway. Each key is used from any pooled session by its object handles.
 */
final class SessionKeys {

    /** A session key: its object handles, and what happened to it (read and changed under its lock). */
    static final class Entry {
        private final long privateKey;
        private final long publicKey;
        private final int generation;
        private long certificate;
        private DeviceUid wrappedFor;
        private byte[] wrapped;

        Entry(long privateKey, long publicKey, int generation) {
            this.privateKey = privateKey;
            this.publicKey = publicKey;
            this.generation = generation;
        }

        /** The session pool's connection generation the handles belong to. */
        int generation() {
            return generation;
        }

        long privateKey() {
            return privateKey;
        }

        long publicKey() {
            return publicKey;
        }

        /** The certificate object stored beside the key, or 0; read and set under this entry's lock. */
        long certificate() {
            return certificate;
        }

        void certificate(long handle) {
            certificate = handle;
        }

        /** The device this key was wrapped for, or null; read and set under this entry's lock. */
        DeviceUid wrappedFor() {
            return wrappedFor;
        }

        byte[] wrapped() {
            return wrapped.clone();
        }

        void wrapped(DeviceUid uid, byte[] blob) {
            wrappedFor = uid;
            wrapped = blob.clone();
        }
    }

    private static final Logger LOG = LoggerFactory.getLogger(SessionKeys.class);

    private final Map<String, Entry> byAlias = new ConcurrentHashMap<>();

    void put(String alias, Entry entry) {
        byAlias.put(alias, entry);
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

    /** Forgets every session key: the token lost the station's sessions or login, and the keys with them. */
    void forgetAll() {
        int forgotten = byAlias.size();
        byAlias.clear();
        if (forgotten > 0) {
            LOG.warn("{} session key(s) were lost with the token's sessions or login; their units restart at KEYGEN",
                    forgotten);
        }
    }

    /** Forgets every session key; the station is closing, and its sessions take the keys' objects with them. */
    void discardAll() {
        if (!byAlias.isEmpty()) {
            LOG.info("Discarding {} session key(s) that were never destroyed", byAlias.size());
        }
        byAlias.clear();
    }
}
