package dev.hallmark.hsm.keystore;

import dev.hallmark.engine.api.KekOrigin;
import dev.hallmark.engine.api.TransportKek;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the token records beside a KEK (a public data object): its key check values by method, when and how it came
 * in, and by whom. Never its value. {@code kcvEcb} is the first 3 bytes of AES-ECB over a zero block, {@code kcvCmac}
 * the first 3 bytes of AES-CMAC over a zero block (ANSI X9.24 style); either may be null where unknown.
 */
public record KekFacts(String label, KekOrigin origin, String kcvEcb, String kcvCmac, String created, String by,
                       String how) {

    /** The KCV method names as they are printed. */
    public static final String ECB = "AES-ECB zero block";
    public static final String CMAC = "AES-CMAC zero block";

    /** The identity the unit evidence carries: label, origin and the first KCV known with its method. */
    public TransportKek identity() {
        if (kcvEcb != null) {
            return new TransportKek(label, origin, kcvEcb, ECB);
        }
        return new TransportKek(label, origin, kcvCmac, kcvCmac == null ? null : CMAC);
    }

    String encode() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("kcv-ecb", kcvEcb);
        m.put("kcv-cmac", kcvCmac);
        m.put("created", created);
        m.put("by", by);
        m.put("how", how);
        StringBuilder b = new StringBuilder();
        m.forEach((k, v) -> {
            if (v != null) {
                b.append(b.length() == 0 ? "" : "\n").append(k).append('=').append(v.replace('\n', ' '));
            }
        });
        return b.toString();
    }

    static KekFacts decode(String label, KekOrigin origin, String text) {
        Map<String, String> m = new LinkedHashMap<>();
        for (String line : text == null ? new String[0] : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                m.put(line.substring(0, eq), line.substring(eq + 1));
            }
        }
        return new KekFacts(label, origin, m.get("kcv-ecb"), m.get("kcv-cmac"), m.get("created"), m.get("by"),
                m.get("how"));
    }
}
