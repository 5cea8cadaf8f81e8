package dev.hallmark.hsm.pkcs11;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_OS_LOCKING_OK;

import iaik.pkcs.pkcs11.wrapper.CK_C_INITIALIZE_ARGS;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.PKCS11Module;

/**
 * C_Initialize with LibraryParameters (the pReserved field of CK_C_INITIALIZE_ARGS), which the wrapper's own
 * initialise does not pass: NSS softoken reads its configuration there (configdir='sql:DIR' ... flags=...). The
 * wrapper's module info is then not read (hsm info shows the module without it); everything else works as usual.
 */
final class LibraryParameters {

    private LibraryParameters() {
    }

    static void initialize(PKCS11Module module, String parameters) throws PKCS11Exception {
        CK_C_INITIALIZE_ARGS args = new CK_C_INITIALIZE_ARGS();
        args.flags |= CKF_OS_LOCKING_OK;
        byte[] text = parameters.getBytes(StandardCharsets.UTF_8);
        args.pReserved = Arrays.copyOf(text, text.length + 1); // NUL-terminated C string
        try {
            module.getPKCS11Module().C_Initialize(args, true);
        } catch (iaik.pkcs.pkcs11.wrapper.PKCS11Exception e) {
            throw module.convertException(e);
        }
    }
}
