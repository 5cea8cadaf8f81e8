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
import dev.hallmark.db.store.AuditDatabase;
import dev.hallmark.engine.access.Action;
import dev.hallmark.engine.access.SignedIn;
import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
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

    static int run(Path file, DataDir dir, SignIn signIn) throws ProvisioningException, InterruptedException {
        byte[] pdf;
        try {
            pdf = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ProvisioningException(ErrorCode.CONFIG_INVALID, "the report " + file + " cannot be read",
                    e.getMessage(), e);
        }
        String pin = LotReportCommand.Report.pin(dir);
        ReportCheck.Signature signature = ReportCheck.signature(pdf, pin);
        signature.lines().forEach(System.out::println);
        JsonNode attached = signature.attachedJson();
        if (attached == null) {
            return fail(ErrorCode.REPORT_SIGNATURE_INVALID, file, "it carries no report data (attachment)");
        }
        String lot = attached.path("lot").asText();
        Clock clock = Clock.systemUTC();
        StationAccess access = StationAccess.embedded(dir, new SecureRandom(), clock, System.out::println);
        SignedIn who = signIn.require(access, dir, Action.LOT_REPORT, lot);
        return RecordedAction.run(access, who, Action.LOT_REPORT, "verify " + file.getFileName() + " lot " + lot, null,
                () -> {
                    List<String> differences;
                    boolean chainHolds;
                    try (AuditDatabase db = AuditDatabase.openH2(dir.audit())) {
                        LotReport now = LotReportCommand.Report.build(lot, clock.instant(), who.name(), db, dir, access,
                                null);
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
