package dev.hallmark.ca.cmp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.KeyHandle;
import dev.hallmark.engine.port.KeyPolicy;
import dev.hallmark.testkit.fake.SoftwareKeyStore;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.Signature;
import org.bouncycastle.operator.ContentSigner;
import org.junit.jupiter.api.Test;

class DevicePopSignerTest {

    @Test
    void theProofOfPossessionIsSignedByTheLentDeviceKey() throws Exception {
        SoftwareKeyStore keys = new SoftwareKeyStore(new SecureRandom());
        KeyHandle key = keys.generate(KeySpec.EC_P256, "dev-01", KeyPolicy.SESSION_WRAP_ONLY);
        IssueRequest request = new IssueRequest(new byte[0], "SN1", DeviceUid.ofHex("0102"), TestPki.PROFILE,
                data -> keys.sign(key, data));

        ContentSigner signer = new DevicePopSigner().signerFor(request);
        byte[] message = "certRequest".getBytes(StandardCharsets.US_ASCII);
        signer.getOutputStream().write(message);
        byte[] signature = signer.getSignature();

        Signature verify = Signature.getInstance("SHA256withECDSA");
        verify.initVerify(key.publicKey());
        verify.update(message);
        assertThat(verify.verify(signature)).isTrue();
    }

    @Test
    void aRequestWithoutTheDeviceKeyIsRefusedWithAPlainReason() {
        IssueRequest request = new IssueRequest(new byte[0], "SN1", DeviceUid.ofHex("0102"), TestPki.PROFILE);

        assertThatThrownBy(() -> new DevicePopSigner().signerFor(request))
                .isInstanceOfSatisfying(ProvisioningException.class, e -> {
                    assertThat(e.code()).isEqualTo(ErrorCode.CONFIG_INVALID);
                    assertThat(e.getMessage()).contains("p10cr");
                });
    }
}
