package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.backprop4j.nn.train.BatchProgress;
import org.backprop4j.nn.train.EpochResult;
import org.junit.jupiter.api.Test;

class TrainingProgressTest {

    @Test
    void terminalGetsABarRedrawnInPlace() {
        StringWriter s = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(s), true);
        p.onBatch(new BatchProgress(2, 10, 12, 45, 0.5, 0.4123, 384, 8_000_000));
        p.onBatch(new BatchProgress(2, 10, 45, 45, 0.5, 0.4, 1438, 30_000_000));
        p.onEpoch(new EpochResult(2, 10, 0.4, 0.45, 1438, 40_000_000));
        String text = s.toString();
        assertThat(text).startsWith("\repoch  2/10 [######..................] 12/45  loss 0.4123  48,000 samples/s");
        assertThat(text).contains("\repoch  2/10 [########################] 45/45  loss 0.4000  47,933 samples/s");
        assertThat(text).endsWith(System.lineSeparator());
        // the epoch line overwrites the bar, padded with spaces to cover the longer bar
        assertThat(text.stripTrailing()).endsWith("\repoch  2/10  loss 0.4000  val_loss 0.4500  35,950 samples/s  0.04 s");
        assertThat(text.chars().filter(c -> c == '\n').count()).as("one finished line").isEqualTo(1);
    }

    @Test
    void pipesGetOnlyOnePlainLinePerEpoch() {
        StringWriter s = new StringWriter();
        TrainingProgress p = new TrainingProgress(new PrintWriter(s), false);
        p.onBatch(new BatchProgress(1, 3, 1, 5, 0.5, 0.5, 32, 1_000_000));
        p.onEpoch(new EpochResult(1, 3, 0.5, Double.NaN, 150, 3_000_000));
        assertThat(s.toString()).isEqualTo("epoch 1/3  loss 0.5000  50,000 samples/s  0.00 s" + System.lineSeparator());
    }
}
