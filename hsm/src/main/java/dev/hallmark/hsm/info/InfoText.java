package dev.hallmark.hsm.info;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** Plain-text lines of a {@link ModuleInfo}, for `hallmark hsm info`; they hold no secret because none was read. */
public final class InfoText {

    private InfoText() {
    }

    /** One line for the module, one per slot, one per token and one per mechanism (indented). */
    public static List<String> lines(ModuleInfo module) {
        List<String> lines = new ArrayList<>();
        lines.add("module " + module.path() + ": " + module.manufacturer() + ", " + module.description() + " "
                + module.libraryVersion() + ", PKCS#11 " + module.cryptokiVersion());
        for (SlotInfo slot : module.slots()) {
            String description = slot.description().isEmpty() ? "" : slot.description() + " ";
            lines.add("slot " + slot.id() + ": " + description + "(" + (slot.hardware() ? "hardware" : "software")
                    + " slot" + (slot.removable() ? ", removable" : "") + (slot.token().isEmpty() ? ", no token" : "")
                    + ")");
            slot.token().ifPresent(token -> token(lines, token));
        }
        return lines;
    }

    private static void token(List<String> lines, TokenInfo token) {
        if (!token.initialized()) {
            lines.add("  token not initialized: " + token.manufacturer() + " " + token.model());
            return;
        }
        lines.add("  token '" + token.label() + "' serial " + token.serial() + ": "
                + (token.manufacturer() + " " + token.model()).replaceAll("\\s+", " ")
                + ", " + (token.hardware() ? "hardware" : "software")
                + ", hw " + token.hardwareVersion() + " fw " + token.firmwareVersion()
                + (token.loginRequired() ? ", login required" : ", no login")
                + (token.loggedIn() ? ", logged in" : ", not logged in")
                + ", user PIN " + pin(token.userPin()) + ", SO PIN " + pin(token.soPin())
                + (token.sessions() >= 0 ? ", " + token.sessions() + " sessions" : ""));
        for (MechanismInfo mechanism : token.mechanisms()) {
            String sizes = mechanism.minKeySize() == 0 && mechanism.maxKeySize() == 0 ? ""
                    : " keys " + mechanism.minKeySize() + "-" + mechanism.maxKeySize();
            lines.add("    " + mechanism.name() + sizes + ": " + String.join(" ", mechanism.flags())
                    + (mechanism.flagsReliable() ? "" : " (flags unreliable: the module set undefined bits)"));
        }
    }

    private static String pin(Set<PinState> states) {
        return states.isEmpty() ? "ok" : states.stream().map(s -> s.name().toLowerCase().replace('_', '-'))
                .sorted().collect(Collectors.joining("+"));
    }
}
