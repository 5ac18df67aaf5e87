package org.backprop4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code train --spark} without the spark module on the class path (as here, and as the launcher
 * runs every other command): one line saying how to get it, exit 2, and no model written. The
 * training itself is tested in the spark module, where the implementation is.
 */
class SparkOptionTest {
    @TempDir
    Path tmp;

    @Test
    void withoutTheSparkModuleItSaysHowToGetIt() throws Exception {
        Path csv = TrainCommandTest.regressionCsv(tmp, 20);
        TrainCommandTest.Run r = TrainCommandTest.run("train", "--spark", "local[2]", "--data", csv.toString(),
                "--target", "y", "--epochs", "1", "--backend", "naive", "--out", tmp.resolve("m").toString());
        assertThat(r.code()).isEqualTo(ExitCodes.USAGE);
        assertThat(r.err()).isEqualTo("backprop4j: --spark: the spark module is not on the class path; build it "
                + "(mvn -B -q package -DskipTests) and run ./backprop4j, which adds it and Spark's jars for --spark"
                + System.lineSeparator());
        assertThat(tmp.resolve("m")).doesNotExist();
    }
}
