package dev.hallmark.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every error code the station can print has its row in docs/error-codes.md, and no number is used twice. */
class ErrorCodeDocsTest {

    private static final Path DOCS = Path.of("..", "docs", "error-codes.md");
    private static final Pattern ROW = Pattern.compile("^\\| (HM-\\d{3}) \\|", Pattern.MULTILINE);

    @Test
    void everyCodeHasItsRowInTheDocs() throws IOException {
        Set<String> documented = new HashSet<>();
        Matcher rows = ROW.matcher(Files.readString(DOCS));
        while (rows.find()) {
            documented.add(rows.group(1));
        }
        List<String> missing = Arrays.stream(ErrorCode.values()).map(ErrorCode::id)
                .filter(id -> !documented.contains(id)).toList();
        assertThat(missing).as("codes without a row in %s", DOCS).isEmpty();
    }

    @Test
    void noNumberIsUsedTwice() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::id)).doesNotHaveDuplicates();
    }
}
