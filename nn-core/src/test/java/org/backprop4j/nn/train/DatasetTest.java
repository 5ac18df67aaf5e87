package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;

class DatasetTest {

    /** Row i has input (i, 10 i) and target 100 i, so every row can be recognised. */
    static Dataset numbered(int rows) {
        double[] x = new double[rows * 2];
        double[] y = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[2 * i] = i;
            x[2 * i + 1] = 10 * i;
            y[i] = 100 * i;
        }
        return new Dataset(x, 2, y, 1);
    }

    static Set<Integer> rowIds(Dataset d) {
        Set<Integer> ids = new HashSet<>();
        double[] x = d.inputs();
        double[] y = d.targets();
        for (int i = 0; i < d.size(); i++) {
            assertThat(x[2 * i + 1]).isEqualTo(10 * x[2 * i]);
            assertThat(y[i]).isEqualTo(100 * x[2 * i]);
            ids.add((int) x[2 * i]);
        }
        return ids;
    }

    @Test
    void splitIsADisjointCoverInRowOrder() {
        Dataset.Split split = numbered(442).split(0.2, new SplittableRandom(5));
        assertThat(split.validation().size()).isEqualTo(88); // round(0.2 * 442) = 88
        assertThat(split.training().size()).isEqualTo(354);
        Set<Integer> validation = rowIds(split.validation());
        Set<Integer> training = rowIds(split.training());
        assertThat(validation).doesNotContainAnyElementsOf(training);
        Set<Integer> all = new HashSet<>(validation);
        all.addAll(training);
        assertThat(all).hasSize(442);
        double[] first = split.training().inputs();
        for (int i = 1; i < split.training().size(); i++) {
            assertThat(first[2 * i]).as("training rows keep their order").isGreaterThan(first[2 * (i - 1)]);
        }
        // drawn from the whole range, not simply the first or last rows
        assertThat(validation.stream().mapToInt(Integer::intValue).max().orElseThrow()).isGreaterThan(300);
        assertThat(validation.stream().mapToInt(Integer::intValue).min().orElseThrow()).isLessThan(100);
    }

    @Test
    void sameSeedSameSplitOtherSeedOtherSplit() {
        Dataset d = numbered(100);
        Set<Integer> a = rowIds(d.split(0.3, new SplittableRandom(1)).validation());
        Set<Integer> b = rowIds(d.split(0.3, new SplittableRandom(1)).validation());
        Set<Integer> c = rowIds(d.split(0.3, new SplittableRandom(2)).validation());
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    @Test
    void fractionZeroGivesNoValidationAndTinyFractionsGiveOneRow() {
        Dataset d = numbered(10);
        Dataset.Split none = d.split(0, new SplittableRandom(1));
        assertThat(none.validation()).isNull();
        assertThat(none.training().size()).isEqualTo(10);
        assertThat(d.split(0.01, new SplittableRandom(1)).validation().size()).isEqualTo(1);
    }

    @Test
    void rejectsFractionsOutsideTheRange() {
        Dataset d = numbered(10);
        for (double f : new double[] {-0.1, 1.0, Double.NaN}) {
            assertThatThrownBy(() -> d.split(f, new SplittableRandom(1)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be in [0, 1)");
        }
        assertThatThrownBy(() -> numbered(2).split(0.9, new SplittableRandom(1)))
                .hasMessageContaining("leaves no row for training");
    }

    @Test
    void rowsAndGatherCopyTheRightRows() {
        Dataset d = numbered(5);
        assertThat(rowIds(d.rows(new int[] {4, 0}))).containsExactlyInAnyOrder(4, 0);
        assertThat(d.rows(new int[] {4, 0}).targets()).containsExactly(400, 0);
        double[] x = new double[4];
        double[] y = new double[2];
        d.gather(new int[] {3, 1, 2}, 1, 2, x, y);
        assertThat(x).containsExactly(1, 10, 2, 20);
        assertThat(y).containsExactly(100, 200);
        assertThatThrownBy(() -> d.rows(new int[] {5})).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void isImmutable() {
        double[] x = {1, 2};
        Dataset d = new Dataset(x, 1, new double[] {3, 4}, 1);
        x[0] = 99;
        d.inputs()[1] = 99;
        assertThat(d.inputs()).containsExactly(1, 2);
    }

    @Test
    void rejectsInconsistentArrays() {
        assertThatThrownBy(() -> new Dataset(new double[6], 2, new double[2], 1))
                .hasMessageContaining("3 input rows and 2 target rows");
        assertThatThrownBy(() -> new Dataset(new double[5], 2, new double[2], 1))
                .hasMessageContaining("not whole rows");
        assertThatThrownBy(() -> new Dataset(new double[0], 2, new double[0], 1)).hasMessageContaining("no rows");
        assertThatThrownBy(() -> Dataset.ofRows(new double[][] {{1, 2}, {3}}, new double[][] {{1}, {2}}))
                .hasMessageContaining("inputs row 1 has 1 values; expected 2");
        assertThat(Dataset.ofRows(new double[][] {{1, 2}, {3, 4}}, new double[][] {{5}, {6}}).inputs())
                .containsExactly(1, 2, 3, 4);
        assertThat(Arrays.stream(numbered(3).targets()).sum()).isEqualTo(300);
    }

    @Test
    void aFloat32DatasetHoldsFloatsInHalfTheMemoryAndGivesThemBackExactly() {
        double[] x = {0.1, 1e-3, Math.PI, -2.5, 7, 1.0 / 3};
        double[] y = {0.7, -0.2, 1e10};
        Dataset wide = new Dataset(x, 2, y, 1);
        Dataset narrow = new Dataset(DType.FLOAT32, x, 2, y, 1);
        assertThat(wide.dtype()).isEqualTo(DType.FLOAT64);
        assertThat(narrow.dtype()).isEqualTo(DType.FLOAT32);
        assertThat(wide.bytes()).isEqualTo(9 * 8);
        assertThat(narrow.bytes()).isEqualTo(9 * 4);
        double[] rounded = Arrays.stream(x).map(v -> (float) v).toArray();
        assertThat(narrow.inputs()).containsExactly(rounded);
        double[] bx = new double[4];
        double[] by = new double[2];
        narrow.gather(new int[] {2, 0}, 0, 2, bx, by);
        assertThat(bx).containsExactly((float) 7, (float) (1.0 / 3), (float) 0.1, (float) 1e-3);
        assertThat(by).containsExactly((float) 1e10, (float) 0.7);
        Dataset.Split split = narrow.split(0.34, new SplittableRandom(1));
        assertThat(split.training().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(split.validation().dtype()).isEqualTo(DType.FLOAT32);
        assertThat(x).as("the caller's array is not modified").startsWith(0.1);
    }
}
