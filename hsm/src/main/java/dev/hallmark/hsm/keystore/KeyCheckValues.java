package dev.hallmark.hsm.keystore;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_CMAC;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_AES_ECB;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Set;
import org.xipki.pkcs11.wrapper.Mechanism;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;

/** Key check values computed inside the token on an encrypt-only session copy of a key: never in the JVM. */
final class KeyCheckValues {

    private static final int KCV_BYTES = 3;

    private KeyCheckValues() {
    }

    /** The two KCVs of the key behind {@code handle}: AES-ECB and (where the token has it) AES-CMAC of a zero block. */
    static String[] of(Session session, long handle, Set<Long> mechanisms) throws PKCS11Exception {
        String ecb = mechanisms.contains(CKM_AES_ECB)
                ? hex(session.encryptSingle(new Mechanism(CKM_AES_ECB), handle, new byte[16])) : null;
        String cmac = mechanisms.contains(CKM_AES_CMAC)
                ? hex(session.signSingle(new Mechanism(CKM_AES_CMAC), handle, new byte[16])) : null;
        return new String[] {ecb, cmac};
    }

    private static String hex(byte[] block) {
        return HexFormat.of().withUpperCase().formatHex(Arrays.copyOf(block, KCV_BYTES));
    }
}
