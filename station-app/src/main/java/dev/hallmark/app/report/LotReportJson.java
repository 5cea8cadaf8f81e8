package dev.hallmark.app.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.hallmark.engine.port.ControlEvidence;
import dev.hallmark.engine.port.UnitRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;

/** The report as JSON (schema {@code hallmark-lot-report/1}): stable snake_case fields a lab's script can read. */
public final class LotReportJson {

    public static final String SCHEMA = "hallmark-lot-report/1";

    private LotReportJson() {
    }

    public static void write(LotReport r, OutputStream out) throws IOException {
        ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        json.writeValue(out, tree(r));
    }

    /** The report as bytes, exactly as {@link #write} writes them (the PDF embeds these). */
    public static byte[] bytes(LotReport r) throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        write(r, out);
        return out.toByteArray();
    }

    /** The report as a JSON tree. */
    public static ObjectNode tree(LotReport r) {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = json.createObjectNode();
        root.put("schema", SCHEMA);
        root.put("lot", r.lot());
        root.put("generated_at", r.generatedAt().toString());
        root.put("generated_by", r.generatedBy());
        LotReport.Provenance p = r.provenance();
        root.put("profile", p.profile());
        ObjectNode software = root.putObject("software");
        software.put("version", p.softwareVersion());
        software.put("build", p.softwareBuild());
        ObjectNode period = root.putObject("period");
        period.put("first_started", p.firstStarted() == null ? null : p.firstStarted().toString());
        period.put("last_finished", p.lastFinished() == null ? null : p.lastFinished().toString());
        root.putPOJO("stations", r.stations());
        root.putPOJO("classes_claimed", r.classesClaimed());
        ObjectNode summary = root.putObject("summary");
        summary.put("attempts", r.summary().attempts());
        summary.put("passed", r.summary().passed());
        summary.put("failed", r.summary().failed());
        summary.put("reworked", r.summary().reworked());
        summary.put("in_progress", r.summary().inProgress());
        summary.put("distinct_devices", r.summary().distinctDevices());
        summary.put("yield_percent", Math.round(r.summary().yieldPercent() * 100) / 100.0);
        counts(root.putObject("failures_by_cause"), r.failuresByCause());
        counts(root.putObject("failures_by_step"), r.failuresByStep());
        ObjectNode totals = root.putObject("controls");
        r.controlTotals().forEach((control, t) -> {
            ObjectNode c = totals.putObject(control);
            c.put("satisfied", t[0]);
            c.put("recorded", t[1]);
        });
        ArrayNode units = root.putArray("units");
        for (LotReport.UnitEntry e : r.units()) {
            UnitRecord u = e.unit();
            ObjectNode n = units.addObject();
            n.put("unit_id", u.id());
            n.put("serial", u.serial());
            n.put("uid", u.uid());
            n.put("chip_family", u.chipFamily());
            n.put("result", u.result() == null ? null : u.result().name());
            n.put("reworked_at", u.reworkedAt() == null ? null : u.reworkedAt().toString());
            n.put("failed_step", u.failedStep());
            n.put("error_code", u.errorCode());
            n.put("cause", u.cause());
            n.put("cert_sha256", u.certificateSha256());
            n.put("station", u.station());
            n.put("fixture", u.fixture());
            n.put("started", u.started() == null ? null : u.started().toString());
            n.put("finished", u.finished() == null ? null : u.finished().toString());
            ArrayNode controls = n.putArray("controls");
            for (ControlEvidence c : e.controls()) {
                ObjectNode cn = controls.addObject();
                cn.put("control", c.control());
                cn.put("satisfied", c.satisfied());
                cn.put("evidence", c.evidence());
                cn.put("recorded_at", c.at().toString());
            }
        }
        chain(root.putObject("audit_chain"), r.auditChain());
        chain(root.putObject("action_chain"), r.actionChain());
        ArrayNode actions = root.putArray("actions");
        for (LotReport.ActionEntry a : r.actions()) {
            ObjectNode n = actions.addObject();
            n.put("seq", a.seq());
            n.put("at", a.at().toString());
            n.put("operator", a.operator());
            n.put("action", a.action());
            n.put("target", a.target());
            n.put("approver", a.approver());
            n.put("outcome", a.outcome());
            n.put("detail", a.detail());
        }
        trust(root, r.trust());
        return root;
    }

    private static void trust(ObjectNode root, LotReport.Trust t) {
        ObjectNode v = root.putObject("verification");
        v.put("pin_sha256", t.pinSha256());
        v.put("pin_source", t.pinSource());
        ArrayNode heads = v.putArray("chain_heads");
        for (LotReport.ChainHead h : t.heads()) {
            ObjectNode n = heads.addObject();
            n.put("station", h.station());
            n.put("seq", h.seq());
            n.put("hash", h.hash());
        }
        if (t.signer() != null) {
            ObjectNode s = root.putObject("signer");
            s.put("subject", t.signer().subject());
            s.put("certificate_sha256", t.signer().certificateSha256());
            s.put("key_sha256", t.signer().keySha256());
        }
    }

    private static void counts(ObjectNode node, Map<String, Integer> counts) {
        counts.forEach(node::put);
    }

    private static void chain(ObjectNode node, LotReport.ChainResult c) {
        node.put("holds", c.holds());
        node.put("checked", c.checked());
        node.put("pin", c.pin());
        node.putPOJO("lines", c.lines());
    }
}
