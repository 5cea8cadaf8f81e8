package dev.hallmark.ca.cfssl;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.KeyCustody;
import dev.hallmark.engine.api.KeySpec;
import dev.hallmark.engine.api.LockLevel;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.IssueRequest;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/** Device requests as the engine's CsrFactory builds them: EC P-256, subject O + serialNumber + CN, URI SAN. */
final class DeviceCsr {

    static final ProductProfile PROFILE = new ProductProfile("test-f4", "STM32F4", KeySpec.EC_P256,
            KeyCustody.INJECTED, LockLevel.READOUT_PROTECTED, "T-", "Hallmark Test Devices", Duration.ofDays(365));
    static final DeviceUid UID = DeviceUid.ofHex("0011223344556677889900aa");

    private DeviceCsr() {
    }

    /** The subject the engine expects, in CsrFactory's order. */
    static X500Name engineSubject(String serial) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, PROFILE.organization())
                .addRDN(BCStyle.SERIALNUMBER, serial)
                .addRDN(BCStyle.CN, serial)
                .build();
    }

    static KeyPair keyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static IssueRequest request(KeyPair key, String serial) {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(
                    new GeneralName(GeneralName.uniformResourceIdentifier, PROFILE.uidUri(UID))));
            byte[] der = new JcaPKCS10CertificationRequestBuilder(engineSubject(serial), key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()))
                    .getEncoded();
            return new IssueRequest(der, serial, UID, PROFILE);
        } catch (java.io.IOException | org.bouncycastle.operator.OperatorCreationException e) {
            throw new IllegalStateException("a test CSR could not be built", e);
        }
    }
}
