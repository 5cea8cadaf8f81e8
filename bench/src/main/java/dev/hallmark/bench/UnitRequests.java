package dev.hallmark.bench;

import dev.hallmark.engine.api.DeviceUid;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.port.IssueRequest;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.ExtensionsGenerator;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;

/**
 * Issue requests as the engine makes them, one per unit: a PKCS#10 request for an EC P-256 key with the subject
 * of the engine's CsrFactory (O, serialNumber, CN) and the UID as URI SAN, a fresh serial and a random UID.
 * Each unit gets a fresh key pair, unless the requests are for one fixed key (OpenSSL's CMP mock answers every
 * request with the same certificate, made for that key). Built before a case starts, so the time is the CA's.
 */
final class UnitRequests {

    private static final int UID_BYTES = 12;

    private final ProductProfile profile;
    private final KeyPair fixedKey;
    private final SecureRandom random;
    private final AtomicInteger serials;
    private final KeyPairGenerator generator;

    private UnitRequests(ProductProfile profile, KeyPair fixedKey, SecureRandom random, AtomicInteger serials) {
        this.profile = profile;
        this.fixedKey = fixedKey;
        this.random = random;
        this.serials = serials;
        this.generator = ecGenerator(random);
    }

    /** Requests with a new EC P-256 key per unit; {@code serials} numbers the units of the whole run. */
    static UnitRequests freshKeys(ProductProfile profile, SecureRandom random, AtomicInteger serials) {
        return new UnitRequests(profile, null, random, serials);
    }

    /** Requests that all carry {@code key}, each still for its own unit (serial, UID, signature). */
    static UnitRequests forKey(KeyPair key, ProductProfile profile, SecureRandom random, AtomicInteger serials) {
        return new UnitRequests(profile, key, random, serials);
    }

    /** A new EC P-256 key pair. */
    static KeyPair ecKeyPair(SecureRandom random) {
        return ecGenerator(random).generateKeyPair();
    }

    /** {@code n} requests for the next {@code n} units. */
    List<IssueRequest> next(int n) {
        List<IssueRequest> requests = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            requests.add(next());
        }
        return requests;
    }

    /** The request of the next unit. */
    IssueRequest next() {
        String serial = String.format(Locale.ROOT, "%s%07d", profile.serialPrefix(), serials.incrementAndGet());
        byte[] uid = new byte[UID_BYTES];
        random.nextBytes(uid);
        DeviceUid deviceUid = DeviceUid.of(uid);
        KeyPair key = fixedKey != null ? fixedKey : generator.generateKeyPair();
        return new IssueRequest(csr(key, serial, deviceUid), serial, deviceUid, profile);
    }

    /** The subject as the engine's CsrFactory builds it. */
    static X500Name subject(String serial, ProductProfile profile) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, profile.organization())
                .addRDN(BCStyle.SERIALNUMBER, serial)
                .addRDN(BCStyle.CN, serial)
                .build();
    }

    private byte[] csr(KeyPair key, String serial, DeviceUid uid) {
        try {
            ExtensionsGenerator extensions = new ExtensionsGenerator();
            extensions.addExtension(Extension.subjectAlternativeName, false,
                    new GeneralNames(new GeneralName(GeneralName.uniformResourceIdentifier, profile.uidUri(uid))));
            return new JcaPKCS10CertificationRequestBuilder(subject(serial, profile), key.getPublic())
                    .addAttribute(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest, extensions.generate())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").setSecureRandom(random)
                            .build(key.getPrivate()))
                    .getEncoded();
        } catch (IOException | OperatorCreationException e) {
            throw new IllegalStateException("a unit's certificate request could not be built", e);
        }
    }

    private static KeyPairGenerator ecGenerator(SecureRandom random) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"), random);
            return generator;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JVM cannot make EC P-256 keys", e);
        }
    }
}
