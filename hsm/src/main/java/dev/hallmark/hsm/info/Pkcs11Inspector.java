package dev.hallmark.hsm.info;

import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_LOGIN_REQUIRED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_SO_PIN_TO_BE_CHANGED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_TOKEN_INITIALIZED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_COUNT_LOW;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_FINAL_TRY;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_LOCKED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKF_USER_PIN_TO_BE_CHANGED;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RO_USER_FUNCTIONS;
import static org.xipki.pkcs11.wrapper.PKCS11Constants.CKS_RW_USER_FUNCTIONS;

import dev.hallmark.engine.api.ProvisioningException;
import dev.hallmark.hsm.pkcs11.ModuleRegistry;
import dev.hallmark.hsm.pkcs11.Pkcs11Errors;
import dev.hallmark.hsm.pkcs11.SessionPool;
import dev.hallmark.hsm.pkcs11.SharedModule;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.xipki.pkcs11.wrapper.PKCS11Exception;
import org.xipki.pkcs11.wrapper.Session;
import org.xipki.pkcs11.wrapper.Slot;
import org.xipki.pkcs11.wrapper.Token;
import org.xipki.pkcs11.wrapper.TokenException;
import org.xipki.pkcs11.wrapper.Version;

/**
 * Reads what a PKCS#11 module says about itself, its slots, tokens and mechanisms, with C_GetInfo,
 * C_GetSlotList/SlotInfo, C_GetTokenInfo and C_GetMechanismList/Info only: no login, no PIN, nothing written.
 */
public final class Pkcs11Inspector {

    private Pkcs11Inspector() {
    }

    /** Loads (or shares) the module and describes it; SoftHSM2 reads SOFTHSM2_CONF for its tokens as always. */
    public static ModuleInfo inspect(Path module) throws ProvisioningException {
        SharedModule shared = ModuleRegistry.acquire(module);
        try {
            org.xipki.pkcs11.wrapper.ModuleInfo info = shared.module().getInfo();
            List<SlotInfo> slots = new ArrayList<>();
            for (Slot slot : shared.module().getSlotList(false)) {
                slots.add(slot(shared, slot));
            }
            return new ModuleInfo(shared.path(), info.getManufacturerID().trim(), info.getLibraryDescription().trim(),
                    version(info.getLibraryVersion()), version(info.getCryptokiVersion()), slots);
        } catch (TokenException e) {
            throw Pkcs11Errors.map(e, "The PKCS#11 module " + shared.path(), "describe itself");
        } finally {
            shared.release();
        }
    }

    private static SlotInfo slot(SharedModule shared, Slot slot) throws ProvisioningException, PKCS11Exception {
        org.xipki.pkcs11.wrapper.SlotInfo info = slot.getSlotInfo();
        Optional<TokenInfo> token = info.isTokenPresent() ? Optional.of(token(shared, slot.getToken()))
                : Optional.empty();
        return new SlotInfo(slot.getSlotID(), info.getSlotDescription().trim(), info.getManufacturerID().trim(),
                info.isHwSlot(), info.isRemovableDevice(), token);
    }

    /** Describes one token of a loaded module. */
    public static TokenInfo token(SharedModule shared, Token token) throws ProvisioningException {
        try {
            org.xipki.pkcs11.wrapper.TokenInfo info = token.getTokenInfo();
            // the slot's CKF_HW_SLOT decides whether the token is hardware; a mechanism's CKF_HW is only shown
            boolean hardware = token.getSlot().getSlotInfo().isHwSlot();
            List<MechanismInfo> mechanisms = Mechanisms.of(token, shared.path());
            boolean initialized = info.hasFlagBit(CKF_TOKEN_INITIALIZED);
            long sessions = info.getSessionCount();
            return new TokenInfo(token.getSlot().getSlotID(), info.getLabel().trim(), info.getSerialNumber().trim(),
                    info.getManufacturerID().trim(), info.getModel().trim(), version(info.getHardwareVersion()),
                    version(info.getFirmwareVersion()), hardware, initialized, info.hasFlagBit(CKF_LOGIN_REQUIRED),
                    initialized && loggedIn(token),
                    pinStates(info.getFlags(), CKF_USER_PIN_COUNT_LOW, CKF_USER_PIN_FINAL_TRY, CKF_USER_PIN_LOCKED,
                            CKF_USER_PIN_TO_BE_CHANGED),
                    pinStates(info.getFlags(), CKF_SO_PIN_COUNT_LOW, CKF_SO_PIN_FINAL_TRY, CKF_SO_PIN_LOCKED,
                            CKF_SO_PIN_TO_BE_CHANGED),
                    sessions < 0 || sessions > Integer.MAX_VALUE ? -1 : sessions, mechanisms);
        } catch (PKCS11Exception e) {
            throw Pkcs11Errors.map(e, "The token in slot " + token.getSlot().getSlotID() + " of " + shared.path(),
                    "describe itself");
        }
    }

    /** The login state of this process, seen through a read-only session opened and closed for the purpose. */
    private static boolean loggedIn(Token token) {
        Session session;
        try {
            session = token.openSession(false);
        } catch (PKCS11Exception e) {
            return false;
        }
        try {
            long state = session.getSessionInfo().getState();
            return state == CKS_RO_USER_FUNCTIONS || state == CKS_RW_USER_FUNCTIONS;
        } catch (PKCS11Exception e) {
            return false;
        } finally {
            SessionPool.closeQuietly(session);
        }
    }

    private static Set<PinState> pinStates(long flags, long countLow, long finalTry, long locked, long toBeChanged) {
        Set<PinState> states = EnumSet.noneOf(PinState.class);
        if ((flags & countLow) != 0) {
            states.add(PinState.COUNT_LOW);
        }
        if ((flags & finalTry) != 0) {
            states.add(PinState.FINAL_TRY);
        }
        if ((flags & locked) != 0) {
            states.add(PinState.LOCKED);
        }
        if ((flags & toBeChanged) != 0) {
            states.add(PinState.TO_BE_CHANGED);
        }
        return states;
    }

    private static String version(Version version) {
        return version == null ? "?" : (version.getMajor() & 0xff) + "." + (version.getMinor() & 0xff);
    }
}
