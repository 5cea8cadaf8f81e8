package dev.hallmark.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.hallmark.engine.api.ErrorCode;
import dev.hallmark.engine.api.ProvisioningException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ProvisioningExceptionTest {

    @Test
    void oneLineNamesCodePartMessageRawDetailAndRemedy() {
        ProvisioningException e = new ProvisioningException(ErrorCode.DEVICE_NACK, "Write Memory was refused.",
                "NACK 0x1F", null);

        assertThat(e.oneLine()).isEqualTo("HM-302 device: Write Memory was refused (NACK 0x1F) - the device refused a"
                + " command; reseat it and retry, or send it to rework");
    }

    @Test
    void oneLineWithoutRawDetailHasNoParentheses() {
        assertThat(new ProvisioningException(ErrorCode.CONFIG_INVALID, "bad --count").oneLine())
                .isEqualTo("HM-100 configuration: bad --count - check the command line and the configuration");
    }

    @Test
    void errorNumbersAreUnique() {
        assertThat(Arrays.stream(ErrorCode.values()).map(ErrorCode::number)).doesNotHaveDuplicates();
    }
}
