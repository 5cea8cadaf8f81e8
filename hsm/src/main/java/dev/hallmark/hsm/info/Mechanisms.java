package dev.hallmark.hsm.info;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_DECRYPT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_DERIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_DIGEST;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_EC_COMPRESS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_EC_F_2M;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_EC_F_P;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_EC_OID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_EC_UNCOMPRESS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_ENCRYPT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_EXTENSION;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_MESSAGE_DECRYPT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_MESSAGE_ENCRYPT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_MESSAGE_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_MESSAGE_VERIFY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_MULTI_MESSAGE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_GENERATE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_GENERATE_KEY_PAIR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_HW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SIGN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SIGN_RECOVER;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_UNWRAP;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_VERIFY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_VERIFY_RECOVER;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_WRAP;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import org.xipki.pkcs11.wrapper.PKCS11Constants;
import org.xipki.pkcs11.wrapper.Token;

/** A token's mechanism list with names and flag names, as C_GetMechanismList and C_GetMechanismInfo give it. */
final class Mechanisms {

    private static final Map<Long, String> FLAGS = new LinkedHashMap<>();

    static {
        FLAGS.put(CKF_HW, "hw");
        FLAGS.put(CKF_ENCRYPT, "encrypt");
        FLAGS.put(CKF_DECRYPT, "decrypt");
        FLAGS.put(CKF_DIGEST, "digest");
        FLAGS.put(CKF_SIGN, "sign");
        FLAGS.put(CKF_SIGN_RECOVER, "sign_recover");
        FLAGS.put(CKF_VERIFY, "verify");
        FLAGS.put(CKF_VERIFY_RECOVER, "verify_recover");
        FLAGS.put(CKF_GENERATE, "generate");
        FLAGS.put(CKF_GENERATE_KEY_PAIR, "generate_key_pair");
        FLAGS.put(CKF_WRAP, "wrap");
        FLAGS.put(CKF_UNWRAP, "unwrap");
        FLAGS.put(CKF_DERIVE, "derive");
        FLAGS.put(CKF_EC_F_P, "ec_f_p");
        FLAGS.put(CKF_EC_F_2M, "ec_f_2m");
        FLAGS.put(CKF_EC_OID, "ec_oid");
        FLAGS.put(CKF_EC_UNCOMPRESS, "ec_uncompress");
        FLAGS.put(CKF_EC_COMPRESS, "ec_compress");
    }

    private Mechanisms() {
    }

    /**
     * The token's mechanisms; flags are read into zeroed memory where the module can be reached so (see
     * {@link ZeroedMechanismInfo}), else taken from the wrapper and marked unreliable if they hold undefined bits.
     */
    static List<MechanismInfo> of(Token token, Path module) {
        Optional<ZeroedMechanismInfo> zeroed = ZeroedMechanismInfo.of(module);
        long slotId = token.getSlot().getSlotID();
        List<MechanismInfo> mechanisms = new ArrayList<>();
        for (long code : token.getMechanismList()) {
            org.xipki.pkcs11.wrapper.MechanismInfo info = token.getMechanismInfo(code);
            if (info == null) {
                mechanisms.add(new MechanismInfo(code, name(code), 0, 0, List.of(), false));
                continue;
            }
            Optional<Long> exact = zeroed.flatMap(z -> z.flags(slotId, code));
            long flags = exact.orElse(info.getFlags());
            mechanisms.add(new MechanismInfo(code, name(code), info.getMinKeySize(), info.getMaxKeySize(),
                    flagNames(flags), exact.isPresent() || definedOnly(flags)));
        }
        return mechanisms;
    }

    /** No bit set that PKCS#11 leaves undefined for mechanisms. */
    static boolean definedOnly(long flags) {
        long defined = CKF_EXTENSION | CKF_MESSAGE_ENCRYPT | CKF_MESSAGE_DECRYPT | CKF_MESSAGE_SIGN | CKF_MESSAGE_VERIFY
                | CKF_MULTI_MESSAGE;
        for (long bit : FLAGS.keySet()) {
            defined |= bit;
        }
        return (flags & ~defined) == 0;
    }

    static String name(long code) {
        String name = PKCS11Constants.ckmCodeToName(code);
        return name == null ? "CKM_0x" + Long.toHexString(code) : name;
    }

    static List<String> flagNames(long flags) {
        List<String> names = new ArrayList<>();
        FLAGS.forEach((bit, name) -> {
            if ((flags & bit) != 0) {
                names.add(name);
            }
        });
        return names;
    }
}
