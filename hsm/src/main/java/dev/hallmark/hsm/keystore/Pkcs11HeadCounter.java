package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_DATA;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.ChainHeadWitness;
import dev.hallmark.hsm.pkcs11.SessionPool;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/**
 * The audit chain's head counter as a private, modifiable PKCS#11 data object (CKO_DATA) in the station token, one per
 * station, labelled {@code hallmark-audit-head/<station>}; its value is
 * {@code hallmark.audit-head.v1 <station> <seq> <hash>}. It moves forward only; only a session logged in with the
 * user PIN can read or change it. Tokens may refuse to change a data object's value (SoftHSM2 answers
 * CKR_ATTRIBUTE_READ_ONLY), so a new head is a new object, created before the older ones are destroyed: there is
 * never a moment without a counter, and where a crash leaves two, the higher one counts.
 */
final class Pkcs11HeadCounter implements ChainHeadWitness {

    static final String LABEL_PREFIX = "hallmark-audit-head/";
    private static final String APPLICATION = "hallmark";
    private static final String TAG = "hallmark.audit-head.v1";
    private static final int MAX_OBJECTS = 8;

    private final SessionPool pool;

    Pkcs11HeadCounter(SessionPool pool) {
        this.pool = pool;
    }

    @Override
    public Optional<Head> read(String station) throws ProvisioningException {
        return pool.call("read the audit head counter of station " + station, s -> {
            pool.requireLogin(s);
            Head highest = null;
            for (long handle : find(s, station)) {
                Head held = parse(station, s.getAttrValues(handle, CKA_VALUE).value());
                if (highest == null || held.seq() > highest.seq()) {
                    highest = held;
                }
            }
            return Optional.ofNullable(highest);
        });
    }

    @Override
    public synchronized void advance(Head head) throws ProvisioningException {
        byte[] value = (TAG + " " + head.station() + " " + head.seq() + " " + head.hash())
                .getBytes(StandardCharsets.UTF_8);
        pool.call("advance the audit head counter of station " + head.station(), s -> {
            pool.requireLogin(s);
            long[] found = find(s, head.station());
            for (long handle : found) {
                if (parse(head.station(), s.getAttrValues(handle, CKA_VALUE).value()).seq() >= head.seq()) {
                    return null;
                }
            }
            s.createObject(new AttributeVector().class_(CKO_DATA).token(true).private_(true).modifiable(true)
                    .label(LABEL_PREFIX + head.station()).application(APPLICATION).value(value));
            for (long handle : found) {
                s.destroyObject(handle);
            }
            return null;
        });
    }

    private static long[] find(Session s, String station) throws PKCS11Exception {
        return s.findObjectsSingle(new AttributeVector().class_(CKO_DATA).label(LABEL_PREFIX + station), MAX_OBJECTS);
    }

    private static Head parse(String station, byte[] value) throws ProvisioningException {
        String text = value == null ? "" : new String(value, StandardCharsets.UTF_8);
        String[] f = text.split(" ");
        try {
            if (f.length != 4 || !TAG.equals(f[0]) || !station.equals(f[1])) {
                throw new IllegalArgumentException("unexpected fields");
            }
            return new Head(f[1], Long.parseLong(f[2]), f[3]);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.AUDIT_HEAD_COUNTER_UNREADABLE, "the audit head counter of station "
                    + station + " in the token is not in the format " + TAG + "; it was changed outside the station",
                    e.getMessage(), e);
        }
    }
}
