package dev.hallmark.engine.workflow;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.api.Step;
import dev.hallmark.engine.api.UnitListener;
import dev.hallmark.engine.port.CertificateIssuer;
import dev.hallmark.engine.port.IssueRequest;
import dev.hallmark.engine.port.IssuedCertificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks the CA, and while it cannot be reached (CA_UNAVAILABLE: the request never arrived) waits with
 * the policy's back-off, telling the listener, then asks again. Any other failure, and the end of the
 * policy's patience, ends the wait.
 */
final class CaWait {

    private static final Logger LOG = LoggerFactory.getLogger(CaWait.class);

    private final CertificateIssuer issuer;
    private final RetryPolicy policy;
    private final Clock clock;
    private final UnitListener listener;

    CaWait(CertificateIssuer issuer, RetryPolicy policy, Clock clock, UnitListener listener) {
        this.issuer = issuer;
        this.policy = policy;
        this.clock = clock;
        this.listener = listener;
    }

    IssuedCertificate issue(IssueRequest request, String fixtureId) throws ProvisioningException {
        Instant giveUp = clock.instant().plus(policy.giveUpAfter());
        Duration wait = policy.firstWait();
        while (true) {
            try {
                return issuer.issue(request);
            } catch (ProvisioningException e) {
                if (e.code() != ErrorCode.CA_UNAVAILABLE || clock.instant().plus(wait).isAfter(giveUp)) {
                    throw e;
                }
                LOG.warn("fixture {} unit {}: CA unreachable, retrying in {} s: {}", fixtureId, request.serial(),
                        wait.toSeconds(), e.oneLine());
                listener.stepWaiting(fixtureId, request.serial(), Step.ISSUE, e.oneLine(), wait);
                sleep(wait);
                wait = policy.after(wait);
            }
        }
    }

    private void sleep(Duration wait) throws ProvisioningException {
        try {
            policy.sleeper().sleep(wait);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProvisioningException(ErrorCode.INTERRUPTED, "the unit was interrupted while waiting for the CA");
        }
    }
}
