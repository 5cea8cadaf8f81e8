package dev.hallmark.ca.embedded;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProductProfile;
import dev.hallmark.engine.api.ProvisioningException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * How the embedded CA issues, beyond what the product profile says.
 *
 * <p>{@code leafValidity} maps a product profile's name to the validity its device certificates get,
 * overriding {@link ProductProfile#validity()}; a profile not named here keeps its own validity. This is
 * where a profile chooses {@link LeafValidity#noWellDefinedExpiry()} until {@link ProductProfile} can say
 * so itself. {@code crlValidity} is how long a CRL is current: its nextUpdate minus its thisUpdate.
 *
 * @param leafValidity validity overrides by product profile name
 * @param crlValidity  the time from a CRL's thisUpdate to its nextUpdate, positive
 */
public record EmbeddedCaConfig(Map<String, LeafValidity> leafValidity, Duration crlValidity) {

    /** A CRL is current for a week unless configured otherwise. */
    public static final Duration DEFAULT_CRL_VALIDITY = Duration.ofDays(7);

    public EmbeddedCaConfig {
        leafValidity = Map.copyOf(leafValidity);
        Objects.requireNonNull(crlValidity, "crlValidity");
        if (crlValidity.isNegative() || crlValidity.isZero()) {
            throw new IllegalArgumentException("the CRL validity must be positive, not " + crlValidity);
        }
    }

    /** Every profile keeps its own validity; CRLs are current for {@link #DEFAULT_CRL_VALIDITY}. */
    public static EmbeddedCaConfig defaults() {
        return new EmbeddedCaConfig(Map.of(), DEFAULT_CRL_VALIDITY);
    }

    /** This configuration with the certificates of profile {@code profileName} valid as {@code validity}. */
    public EmbeddedCaConfig withLeafValidity(String profileName, LeafValidity validity) {
        Objects.requireNonNull(profileName, "profileName");
        Objects.requireNonNull(validity, "validity");
        Map<String, LeafValidity> copy = new HashMap<>(leafValidity);
        copy.put(profileName, validity);
        return new EmbeddedCaConfig(copy, crlValidity);
    }

    /** This configuration with CRLs current for {@code validity}. */
    public EmbeddedCaConfig withCrlValidity(Duration validity) {
        return new EmbeddedCaConfig(leafValidity, validity);
    }

    /** The validity of the device certificates issued for {@code profile}. */
    public LeafValidity leafValidity(ProductProfile profile) throws ProvisioningException {
        LeafValidity configured = leafValidity.get(profile.name());
        if (configured != null) {
            return configured;
        }
        if (profile.noWellDefinedExpiry()) {
            return LeafValidity.noWellDefinedExpiry();
        }
        Duration validity = profile.validity();
        if (validity.isNegative() || validity.isZero()) {
            throw new ProvisioningException(ErrorCode.CA_REQUEST_REJECTED,
                    "the product profile's certificate validity must be positive, not " + validity);
        }
        return LeafValidity.of(validity);
    }

    /** The names of the profiles whose certificates have no well-defined expiry, sorted. */
    public Set<String> profilesWithoutWellDefinedExpiry() {
        Set<String> names = new TreeSet<>();
        leafValidity.forEach((name, validity) -> {
            if (!validity.hasWellDefinedExpiry()) {
                names.add(name);
            }
        });
        return names;
    }
}
