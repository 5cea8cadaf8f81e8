package dev.hallmark.app.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class ReportFileNameTest {

    @Test
    void lotsWhoseSlugsAgreeGetDifferentFiles() {
        List<String> names = List.of("A/B", "A_B", "A.B", "LOT", "lot", "X".repeat(64), "X".repeat(63) + "Y");
        assertThat(names.stream().map(ReportFileName::base)).doesNotHaveDuplicates();
        assertThat(names.stream().map(n -> ReportFileName.base(n).toLowerCase(Locale.ROOT))).doesNotHaveDuplicates();
    }

    @Test
    void theNameStaysReadableAndSafe() {
        assertThat(ReportFileName.base("PO-4711")).matches("lot-PO-4711-[0-9a-f]{16}-conformity");
        assertThat(ReportFileName.base("../etc/x")).doesNotContain("/").startsWith("lot-.._etc_x-");
        assertThat(ReportFileName.base("A/B")).isEqualTo(ReportFileName.base("A/B"));
    }
}
