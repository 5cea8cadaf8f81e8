package dev.hallmark.app.conformity;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.hallmark.app.config.QuietYaml;
import dev.hallmark.engine.api.Conformity;
import dev.hallmark.engine.api.ConformityClass;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductKeys;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * What the station's owner declares in {@code conformity.yaml} in the data directory: the ISO/IEC 27402 class the
 * product profile claims, the two-person rule, and the certification of the key token (which no PKCS#11 call can
 * prove). Every key is optional; without the file the demo profile claims Class 1 with the rule off.
 *
 * <pre>
 * class: 2                          # 1, 2, 3 or none
 * two_person_rule: true
 * certified_module: "FIPS 140-3 certificate #4711, Level 3"
 * secure_boot_key: keys/firmware-signing.pub.pem   # RSA-3072 public key (or secure_boot_digest: 64 hex digits)
 * customer_key: keys/customer.pub.pem              # EC P-256 public key the unit secrets are wrapped for
 * </pre>
 */
public record ConformityDeclarations(@JsonProperty("class") String conformityClass,
                                     @JsonProperty("two_person_rule") Boolean twoPersonRule,
                                     @JsonProperty("certified_module") String certifiedModule,
                                     @JsonProperty("secure_boot_key") String secureBootKey,
                                     @JsonProperty("secure_boot_digest") String secureBootDigest,
                                     @JsonProperty("customer_key") String customerKey) {

    /** No declarations. */
    public static ConformityDeclarations none() {
        return new ConformityDeclarations(null, null, null, null, null, null);
    }

    /** The file name inside the data directory. */
    public static final String FILE = "conformity.yaml";

    /** The declarations in {@code dataDir}, or none. */
    public static ConformityDeclarations load(Path dataDir) throws ProvisioningException {
        Path file = dataDir.resolve(FILE);
        ObjectMapper yaml = QuietYaml.mapper();
        try {
            ConformityDeclarations read = yaml.readValue(Files.readAllBytes(file), ConformityDeclarations.class);
            return read == null ? none() : read.resolvedAgainst(dataDir);
        } catch (NoSuchFileException e) {
            return none();
        } catch (JsonProcessingException e) {
            String settings = e instanceof UnrecognizedPropertyException ? "; the settings are class, two_person_rule, "
                    + "certified_module, secure_boot_key, secure_boot_digest, customer_key" : "";
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the conformity declarations " + file
                    + " cannot be read: " + QuietYaml.describe(e) + settings, QuietYaml.kind(e), null);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the conformity declarations " + file
                    + " cannot be read", e.getMessage(), e);
        }
    }

    /** The profile claiming the declared class (default {@code fallback}) and rule (default: on for Class 3). */
    public ProductProfile applyTo(ProductProfile profile, ConformityClass fallback) throws ProvisioningException {
        ConformityClass chosen;
        try {
            chosen = conformityClass == null ? fallback : ConformityClass.parse(conformityClass);
        } catch (IllegalArgumentException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the class in " + FILE + " is not an ISO/IEC "
                    + "27402 class; use 1, 2, 3 or none (the value is not shown)");
        }
        boolean rule = twoPersonRule != null ? twoPersonRule : Conformity.of(chosen).twoPersonRule();
        return profile.withConformity(new Conformity(chosen, rule)).withKeys(keys(profile.keys()));
    }

    /** {@code base} with the keys declared here (a declared key replaces the profile's). */
    public ProductKeys keys(ProductKeys base) throws ProvisioningException {
        ProductKeys keys = base;
        if (secureBootKey != null && secureBootDigest != null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "name either secure_boot_key or "
                    + "secure_boot_digest in " + FILE + ", not both");
        }
        if (secureBootKey != null) {
            keys = keys.withSecureBootDigest(ProfileKeys.secureBootDigestOfKey(Path.of(secureBootKey)));
        } else if (secureBootDigest != null) {
            keys = keys.withSecureBootDigest(ProfileKeys.secureBootDigest(secureBootDigest));
        }
        if (customerKey != null) {
            keys = keys.withCustomerKey(ProfileKeys.customerKey(Path.of(customerKey)));
        }
        return keys;
    }

    /** Key file paths made absolute against the data directory. */
    private ConformityDeclarations resolvedAgainst(Path dataDir) {
        return new ConformityDeclarations(conformityClass, twoPersonRule, certifiedModule,
                secureBootKey == null ? null : dataDir.resolve(secureBootKey).toString(), secureBootDigest,
                customerKey == null ? null : dataDir.resolve(customerKey).toString());
    }
}
