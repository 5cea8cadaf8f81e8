package dev.hallmark.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.hallmark.app.access.RecordedAction;
import dev.hallmark.app.access.SignIn;
import dev.hallmark.app.access.StationAccess;
import dev.hallmark.app.report.LotReport;
import dev.hallmark.app.report.LotReportJson;
import dev.hallmark.app.report.ReportCheck;
import dev.hallmark.app.report.ReportNumbers;
import dev.hallmark.app.config.DataDir;
import dev.hallmark.app.station.StationTokenView;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * {@code hallmark lot report --verify FILE}: the report's signature (whole file, valid, made by the pinned station
 * audit key) and its numbers against the audit database as it is now. Each finding is one line; the verdict is the
 * last, with HM-725 (signature) or HM-726 (numbers) when something does not hold.
 */
final class LotReportVerify {

    private LotReportVerify() {
    }

    static int run(Path file, DataDir dir, SignIn signIn, List<String> trusted, Path trustList)
            throws ProvisioningException, InterruptedException {
        byte[] pdf;
        try {
            pdf = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the report " + file + " cannot be read",
                    e.getMessage(), e);
        }
        try (PinnedAudit audit = PinnedAudit.open(dir, trusted, trustList)) {
            // the signer is pinned by the token's audit key, else the auditor's one pin; never the data dir's file alone
            String pin = audit.token().map(StationTokenView::auditKeySha256).orElse(
                    trusted != null && trusted.size() == 1 ? trusted.get(0).toLowerCase(java.util.Locale.ROOT) : null);
            return check(file, pdf, dir, signIn, audit, pin);
        }
    }

    private static int check(Path file, byte[] pdf, DataDir dir, SignIn signIn, PinnedAudit audit, String pin)
            throws ProvisioningException, InterruptedException {
        ReportCheck.Signature signature = ReportCheck.signature(pdf, pin);
        signature.lines().forEach(System.out::println);
        JsonNode attached = signature.attachedJson();
        if (attached == null) {
            return fail(ErrorCode.REPORT_SIGNATURE_INVALID, file, "it carries no report data (attachment)");
        }
        String lot = attached.path("lot").asText();
        Clock clock = Clock.systemUTC();
        StationAccess access = audit.access(dir, clock, System.out::println);
        SignedIn who = signIn.require(access, dir, Action.LOT_REPORT, lot);
        return RecordedAction.run(access, who, Action.LOT_REPORT, "verify " + file.getFileName() + " lot " + lot, null,
                () -> {
                    List<String> differences;
                    boolean chainHolds;
                    try {
                        LotReport now = LotReportCommand.Report.build(lot, clock.instant(), who.name(), audit.db(), dir,
                                access, audit.trust(), null).report();
                        chainHolds = now.auditChain().holds();
                        differences = ReportNumbers.differences(attached,
                                new ObjectMapper().readTree(LotReportJson.bytes(now)));
                    } catch (IOException e) {
                        throw new ProvisioningException(ErrorCode.INTERNAL, "the report's data cannot be compared",
                                e.getMessage(), e);
                    }
                    if (differences.isEmpty()) {
                        System.out.println("numbers: the report's figures and all " + attached.path("units").size()
                                + " units match the audit database");
                    } else {
                        differences.forEach(d -> System.out.println("numbers: " + d));
                    }
                    System.out.println("audit chain now: " + (chainHolds ? "holds" : "BROKEN (run 'hallmark audit verify')"));
                    if (!signature.holds()) {
                        return fail(ErrorCode.REPORT_SIGNATURE_INVALID, file, signature.finding());
                    }
                    if (!differences.isEmpty() || !chainHolds) {
                        return fail(ErrorCode.REPORT_OUT_OF_DATE, file, differences.isEmpty()
                                ? "the audit chain no longer holds" : differences.size() + " difference(s), the first: "
                                + differences.get(0));
                    }
                    System.out.println("OK: the report of lot " + lot + " is signed by the station audit key and its "
                            + "numbers match the audit database");
                    return ExitCode.OK;
                });
    }

    private static int fail(ErrorCode code, Path file, String finding) {
        System.out.flush();
        System.err.println("hallmark: " + new ProvisioningException(code, "report " + file.getFileName() + ": "
                + finding).oneLine());
        return ExitCode.UNITS_FAILED;
    }
}
