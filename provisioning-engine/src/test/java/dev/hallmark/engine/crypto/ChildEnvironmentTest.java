package dev.hallmark.engine.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildEnvironmentTest {

    @Test
    void passwordsPinsAndSecretsAreRemovedAndFileNamesAndTheRestStay() {
        Map<String, String> env = new HashMap<>(Map.of("HALLMARK_PASSWORD", "p", "HALLMARK_APPROVER_PASSWORD", "a",
                "HSM_PIN", "1234", "HALLMARK_SO_PIN", "5678", "CMP_SECRET", "s", "HALLMARK_PASSWORD_FILE", "/f",
                "PATH", "/bin", "SOFTHSM2_CONF", "/c", "TPM2_PKCS11_STORE", "/s", "MAPPING", "x"));
        env.put("db_password", "d");

        ChildEnvironment.scrub(env);

        assertThat(env).containsOnlyKeys("HALLMARK_PASSWORD_FILE", "PATH", "SOFTHSM2_CONF", "TPM2_PKCS11_STORE",
                "MAPPING");
    }
}
