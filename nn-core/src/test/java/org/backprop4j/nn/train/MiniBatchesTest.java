package org.backprop4j.nn.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class MiniBatchesTest {

    @Test
    void batchesCoverTheEpochWithASmallerLastBatch() {
        MiniBatches b = new MiniBatches(10, 4, 1L);
        assertThat(b.batchesPerEpoch()).isEqualTo(3);
        assertThat(IntStream.range(0, 3).map(b::rowsInBatch).toArray()).containsExactly(4, 4, 2);
        MiniBatches whole = new MiniBatches(10, 64, 1L);
        assertThat(whole.batchSize()).isEqualTo(10);
        assertThat(whole.batchesPerEpoch()).isEqualTo(1);
    }

    @Test
    void everyEpochIsANewPermutation() {
        MiniBatches b = new MiniBatches(50, 8, 3L);
        int[] first = b.order(1);
        int[] second = b.order(2);
        int[] identity = IntStream.range(0, 50).toArray();
        assertThat(Arrays.stream(first).sorted().toArray()).isEqualTo(identity);
        assertThat(Arrays.stream(second).sorted().toArray()).isEqualTo(identity);
        assertThat(first).isNotEqualTo(identity).isNotEqualTo(second);
    }

    @Test
    void anEpochsOrderDependsOnlyOnTheSeedAndTheEpoch() {
        MiniBatches a = new MiniBatches(30, 8, 9L);
        MiniBatches b = new MiniBatches(30, 8, 9L);
        int[] seventh = b.order(7); // asked first: no generator advanced by the epochs before it
        for (int epoch = 1; epoch <= 7; epoch++) {
            assertThat(a.order(epoch)).isEqualTo(b.order(epoch));
        }
        assertThat(a.order(7)).isEqualTo(seventh);
        assertThat(new MiniBatches(30, 8, 10L).order(7)).isNotEqualTo(seventh);
    }

    @Test
    void shuffleIsUniform() {
        // each of 4 elements lands in each of 4 positions about 1/4 of the time
        int[][] counts = new int[4][4];
        SplittableRandom rng = new SplittableRandom(11);
        int trials = 40_000;
        for (int t = 0; t < trials; t++) {
            int[] p = MiniBatches.shuffled(4, rng);
            for (int pos = 0; pos < 4; pos++) {
                counts[p[pos]][pos]++;
            }
        }
        for (int[] row : counts) {
            for (int c : row) {
                // binomial(40000, 1/4): sd ~ 87; five standard deviations
                assertThat(Math.abs(c - trials / 4)).isLessThan(5 * 87);
            }
        }
    }

    @Test
    void rejectsEmptySizes() {
        assertThatThrownBy(() -> new MiniBatches(0, 4, 1L)).hasMessageContaining("must be >= 1");
        assertThatThrownBy(() -> new MiniBatches(4, 0, 1L)).hasMessageContaining("must be >= 1");
    }
}
