package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKA_VALUE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKO_CERTIFICATE;

import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import org.xipki.pkcs11.wrapper.AttributeVector;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/** X.509 certificate objects stored beside a key: same CKA_ID and label, token or session object like the key. */
final class CertificateObjects {

    private CertificateObjects() {
    }

    static AttributeVector template(X509Certificate certificate, byte[] id, String alias, boolean tokenObject)
            throws CertificateEncodingException {
        return AttributeVector.newX509Certificate().token(tokenObject).private_(false).id(id).label(alias)
                .subject(certificate.getSubjectX500Principal().getEncoded())
                .issuer(certificate.getIssuerX500Principal().getEncoded())
                .serialNumber(derInteger(certificate.getSerialNumber().toByteArray()))
                .value(certificate.getEncoded());
    }

    /**
     * Makes {@code template} the one certificate with this CKA_ID: keeps an identical one, destroys any other.
     * Returns the handle of the certificate object.
     */
    static long store(Session session, byte[] id, AttributeVector template) throws PKCS11Exception {
        byte[] der = template.value();
        long kept = 0;
        for (long handle : KeyObjects.find(session, CKO_CERTIFICATE, id)) {
            byte[] existing = session.getAttrValues(handle, CKA_VALUE).value();
            if (kept == 0 && Arrays.equals(existing, der)) {
                kept = handle;
            } else {
                session.destroyObject(handle);
            }
        }
        return kept != 0 ? kept : session.createObject(template);
    }

    /** The DER of the first certificate with this CKA_ID, or null. */
    static byte[] find(Session session, byte[] id) throws PKCS11Exception {
        long[] handles = KeyObjects.find(session, CKO_CERTIFICATE, id);
        return handles.length == 0 ? null : session.getAttrValues(handles[0], CKA_VALUE).value();
    }

    private static byte[] derInteger(byte[] twosComplement) {
        if (twosComplement.length > 127) {
            throw new IllegalArgumentException("a certificate serial number has at most 20 octets");
        }
        byte[] der = new byte[twosComplement.length + 2];
        der[0] = 0x02;
        der[1] = (byte) twosComplement.length;
        System.arraycopy(twosComplement, 0, der, 2, twosComplement.length);
        return der;
    }
}
