package dev.hallmark.hsm.pkcs11;

import static org.assertj.core.api.Assertions.assertThat;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKM_EC_EDWARDS_KEY_PAIR_GEN;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_ATTRIBUTE_SENSITIVE;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_DEVICE_REMOVED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_GENERAL_ERROR;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_MECHANISM_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_INCORRECT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_CLOSED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_SESSION_HANDLE_INVALID;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_TOKEN_NOT_PRESENT;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKR_USER_NOT_LOGGED_IN;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.TokenException;

class Pkcs11ErrorsTest {

    private static ProvisioningException map(long ckr) {
        return Pkcs11Errors.map(new PKCS11Exception(ckr), Pkcs11Errors.token("station"), "log in the user");
    }

    @Test
    void pinIncorrectBecomesItsOwnCodeWithTheCkrNameKept() {
        ProvisioningException e = map(CKR_PIN_INCORRECT);
        assertThat(e.code()).isEqualTo(ErrorCode.HSM_PIN_INCORRECT);
        assertThat(e.rawDetail()).isEqualTo("CKR_PIN_INCORRECT");
        assertThat(e.getMessage()).isEqualTo("The HSM token 'station' rejected the PIN to log in the user.");
        assertThat(e.oneLine()).startsWith("HM-202 HSM: The HSM token 'station' rejected the PIN")
                .contains("(CKR_PIN_INCORRECT)").doesNotContain("\n");
    }

    @Test
    void pinLockedMechanismInvalidAndOthersMapToTheirCodes() {
        assertThat(map(CKR_PIN_LOCKED).code()).isEqualTo(ErrorCode.HSM_PIN_LOCKED);
        assertThat(map(CKR_MECHANISM_INVALID).code()).isEqualTo(ErrorCode.HSM_MECHANISM_UNSUPPORTED);
        assertThat(map(CKR_MECHANISM_INVALID).rawDetail()).isEqualTo("CKR_MECHANISM_INVALID");
        ProvisioningException other = map(CKR_ATTRIBUTE_SENSITIVE);
        assertThat(other.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED);
        assertThat(other.rawDetail()).isEqualTo("CKR_ATTRIBUTE_SENSITIVE");
        assertThat(other.getMessage()).isEqualTo("The HSM token 'station' could not log in the user.");
        assertThat(map(CKR_GENERAL_ERROR).code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED);
    }

    @Test
    void nonPkcs11FailureIsAnOperationFailure() {
        ProvisioningException e = Pkcs11Errors.map(new TokenException("boom"), "The HSM token 'x'", "sign");
        assertThat(e.code()).isEqualTo(ErrorCode.HSM_OPERATION_FAILED);
        assertThat(e.rawDetail()).isEqualTo("boom");
    }

    @Test
    void moduleMissingAndTokenNotFoundNameThePartAtFault() {
        ProvisioningException missing = Pkcs11Errors.moduleMissing(Path.of("/opt/none/lib.so"), null);
        assertThat(missing.code()).isEqualTo(ErrorCode.HSM_MODULE_MISSING);
        assertThat(missing.getMessage()).contains("/opt/none/lib.so");
        ProvisioningException notFound = Pkcs11Errors.tokenNotFound("line-3", Path.of("/usr/lib/x.so"));
        assertThat(notFound.code()).isEqualTo(ErrorCode.HSM_TOKEN_NOT_FOUND);
        assertThat(notFound.getMessage()).contains("'line-3'");
    }

    @Test
    void lostSessionsLoginOrTokenAskForAReconnectButAWrongPinNever() {
        for (long code : new long[] {CKR_SESSION_HANDLE_INVALID, CKR_SESSION_CLOSED, CKR_USER_NOT_LOGGED_IN,
                CKR_DEVICE_REMOVED, CKR_TOKEN_NOT_PRESENT}) {
            assertThat(Pkcs11Errors.isConnectionLost(new PKCS11Exception(code))).as(Pkcs11Errors.ckrName(code)).isTrue();
        }
        for (long code : new long[] {CKR_PIN_INCORRECT, CKR_PIN_LOCKED, CKR_GENERAL_ERROR, CKR_MECHANISM_INVALID}) {
            assertThat(Pkcs11Errors.isConnectionLost(new PKCS11Exception(code))).as(Pkcs11Errors.ckrName(code)).isFalse();
        }
        assertThat(Pkcs11Errors.isConnectionLost(new TokenException("not PKCS#11"))).isFalse();
    }

    @Test
    void aMissingMechanismIsSaidPlainly() {
        ProvisioningException e = Pkcs11Errors.mechanismMissing("The HSM token 'dev'", "generate Ed25519 keys",
                CKM_EC_EDWARDS_KEY_PAIR_GEN);
        assertThat(e.code()).isEqualTo(ErrorCode.HSM_MECHANISM_UNSUPPORTED);
        assertThat(e.getMessage()).isEqualTo("The HSM token 'dev' cannot generate Ed25519 keys: it does not offer the"
                + " mechanism CKM_EC_EDWARDS_KEY_PAIR_GEN.");
        assertThat(e.rawDetail()).isEqualTo("CKM_EC_EDWARDS_KEY_PAIR_GEN missing");
    }

    @Test
    void sessionFatalCodesAreRecognised() {
        assertThat(Pkcs11Errors.isSessionFatal(new PKCS11Exception(CKR_SESSION_HANDLE_INVALID))).isTrue();
        assertThat(Pkcs11Errors.isSessionFatal(new PKCS11Exception(CKR_PIN_INCORRECT))).isFalse();
        assertThat(Pkcs11Errors.ckrName(0x8000_1234L)).isNotBlank();
    }
}
