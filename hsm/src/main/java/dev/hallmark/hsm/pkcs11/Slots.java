package dev.hallmark.hsm.pkcs11;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Optional;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenInfo;

/** Finds tokens by label or serial (slot ids are not stable) and the free slot a new token is initialised in. */
public final class Slots {

    private Slots() {
    }

    /** The initialised token labelled {@code label}, if the module has exactly one; two are a configuration error. */
    public static Optional<Token> tokenByLabel(SharedModule module, String label) throws ProvisioningException {
        return find(module, TokenSelector.byLabel(label));
    }

    /** The one present, initialised token {@code selector} names; two matching tokens are a configuration error. */
    public static Optional<Token> find(SharedModule module, TokenSelector selector) throws ProvisioningException {
        Token found = null;
        try {
            for (Slot slot : module.module().getSlotList(true)) {
                Token token = slot.getToken();
                TokenInfo info = token.getTokenInfo();
                if (info.isTokenInitialized() && selector.matches(info.getLabel(), info.getSerialNumber())) {
                    if (found != null) {
                        throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "The PKCS#11 module "
                                + module.path() + " has two tokens " + selector.describe() + ".");
                    }
                    found = token;
                }
            }
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, "The PKCS#11 module " + module.path(), "list its tokens");
        }
        return Optional.ofNullable(found);
    }

    /** A slot holding a token that is present but not initialised yet (SoftHSM2 always offers one). */
    public static Optional<Slot> freeSlot(SharedModule module) throws ProvisioningException {
        try {
            for (Slot slot : module.module().getSlotList(true)) {
                if (!slot.getToken().getTokenInfo().isTokenInitialized()) {
                    return Optional.of(slot);
                }
            }
            return Optional.empty();
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, "The PKCS#11 module " + module.path(), "list its slots");
        }
    }
}
