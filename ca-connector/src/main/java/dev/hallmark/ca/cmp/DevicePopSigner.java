package dev.hallmark.ca.cmp;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.engine.crypto.TokenContentSigner;
import dev.hallmark.engine.port.IssueRequest;
import org.bouncycastle.operator.ContentSigner;

/** The proof of possession of an ir or cr, signed by the device key the engine lends with the request. */
public final class DevicePopSigner implements PopSigner {

    @Override
    public ContentSigner signerFor(IssueRequest request) throws ProvisioningException {
        if (request.deviceSigner() == null) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "a CMP ir/cr needs the device key for its proof"
                    + " of possession, and this request carries none; use request_type p10cr");
        }
        return new TokenContentSigner(request.profile().keySpec(), request.deviceSigner());
    }
}
