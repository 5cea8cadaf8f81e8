package dev.hallmark.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.app.station.DemoProfile;
import dev.hallmark.engine.port.IssueRequest;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentVerifierProviderBuilder;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class UnitRequestsTest {

    private final SecureRandom random = new SecureRandom();
    private final AtomicInteger serials = new AtomicInteger();

    @Test
    void eachUnitGetsASignedP256RequestWithTheEnginesSubjectAndItsUidAsUriSan() throws Exception {
        List<IssueRequest> requests = UnitRequests.freshKeys(DemoProfile.STM32F4, random, serials).next(2);

        IssueRequest first = requests.get(0);
        PKCS10CertificationRequest csr = new PKCS10CertificationRequest(first.csrDer());
        assertThat(csr.isSignatureValid(new JcaContentVerifierProviderBuilder()
                .setProvider(new BouncyCastleProvider()).build(csr.getSubjectPublicKeyInfo())))
                .isTrue();
        assertThat(first.serial()).isEqualTo("HM-F4-0000001");
        assertThat(Arrays.stream(csr.getSubject().getRDNs()).map(rdn -> rdn.getFirst().getType()))
                .containsExactly(BCStyle.O, BCStyle.SERIALNUMBER, BCStyle.CN);
        assertThat(csr.getSubject()).isEqualTo(new X500Name("O=Hallmark Demo,SERIALNUMBER=HM-F4-0000001,CN=HM-F4-0000001"));
        Extensions extensions = Extensions.getInstance(csr.getAttributes(
                PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
        GeneralName san = GeneralNames.fromExtensions(extensions, Extension.subjectAlternativeName).getNames()[0];
        assertThat(san.getTagNo()).isEqualTo(GeneralName.uniformResourceIdentifier);
        assertThat(san.getName().toString()).isEqualTo(DemoProfile.STM32F4.uidUri(first.uid()));
        assertThat(keyOf(requests.get(1))).isNotEqualTo(keyOf(first));
        assertThat(requests.get(1).uid()).isNotEqualTo(first.uid());
    }

    @Test
    void requestsForAFixedKeyAreStillOnePerUnit() throws Exception {
        KeyPair key = UnitRequests.ecKeyPair(random);
        List<IssueRequest> requests = UnitRequests.forKey(key, DemoProfile.STM32F4, random, serials).next(2);

        assertThat(keyOf(requests.get(0))).isEqualTo(key.getPublic().getEncoded());
        assertThat(keyOf(requests.get(1))).isEqualTo(key.getPublic().getEncoded());
        assertThat(requests.get(1).serial()).isNotEqualTo(requests.get(0).serial());
    }

    private static byte[] keyOf(IssueRequest request) throws Exception {
        return new PKCS10CertificationRequest(request.csrDer()).getSubjectPublicKeyInfo().getEncoded();
    }
}
