package dev.hallmark.app.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Compares the numbers a signed report states (its attached JSON) with the report the audit database gives now:
 * the lot's counts, failures, controls and every unit with its evidence. What describes the making of the report
 * (when, by whom, the software, the chain heads, the signer) is not compared.
 */
public final class ReportNumbers {

    static final List<String> COMPARED = List.of("lot", "profile", "stations", "classes_claimed", "period", "summary",
            "failures_by_cause", "failures_by_step", "controls");
    private static final int MAX_FINDINGS = 20;

    private ReportNumbers() {
    }

    /** One line per difference (at most {@value #MAX_FINDINGS}, then a count); empty when the numbers match. */
    public static List<String> differences(JsonNode signed, JsonNode now) {
        List<String> out = new ArrayList<>();
        for (String field : COMPARED) {
            if (!Objects.equals(signed.get(field), now.get(field))) {
                out.add(field + ": the report says " + signed.get(field) + ", the database now gives " + now.get(field));
            }
        }
        JsonNode a = signed.path("units");
        JsonNode b = now.path("units");
        if (a.size() != b.size()) {
            out.add("units: the report lists " + a.size() + ", the database now has " + b.size());
        }
        int extra = 0;
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            for (Iterator<Map.Entry<String, JsonNode>> it = a.get(i).fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> f = it.next();
                JsonNode other = b.get(i).get(f.getKey());
                if (!Objects.equals(f.getValue(), other)) {
                    if (out.size() < MAX_FINDINGS) {
                        out.add("unit " + a.get(i).path("unit_id").asText() + " (serial " + a.get(i).path("serial")
                                .asText() + "): " + f.getKey() + " in the report " + brief(f.getValue())
                                + ", in the database now " + brief(other));
                    } else {
                        extra++;
                    }
                }
            }
        }
        if (extra > 0) {
            out.add("and " + extra + " more unit field(s) differ");
        }
        return out;
    }

    private static String brief(JsonNode n) {
        String s = n == null ? "absent" : n.toString();
        return s.length() > 120 ? s.substring(0, 117) + "..." : s;
    }
}
