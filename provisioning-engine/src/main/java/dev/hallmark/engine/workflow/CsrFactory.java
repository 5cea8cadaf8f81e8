package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.DeviceKeyStore;
import dev.hallmark.engine.port.KeyHandle;
import java.io.IOException;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.pkcs.PKCS10CertificationRequestBuilder;

/** Builds a unit's PKCS#10 request from its profile, signed inside the token by the device key. */
final class CsrFactory {

    private CsrFactory() {
    }

    static byte[] create(DeviceKeyStore keys, KeyHandle key, X500Name subject, DeviceUid uid, ProductProfile profile)
            throws ProvisioningException {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, profile.uidUri(uid))));
            return new PKCS10CertificationRequestBuilder(subject,
                    SubjectPublicKeyInfo.getInstance(key.publicKey().getEncoded()))
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new TokenContentSigner(keys, key))
                    .getEncoded();
        } catch (TokenContentSigner.TokenSigningFailure e) {
            throw TokenContentSigner.unwrap(e);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.INTERNAL, "the certificate request could not be encoded",
                    e.getMessage(), e);
        }
    }
}
