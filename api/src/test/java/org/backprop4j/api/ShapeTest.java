package org.backprop4j.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ShapeTest {

    @Test
    void vectorLaysOutLikeOneRow() {
        Shape v = Shape.vector(5);
        assertThat(v.rank()).isEqualTo(1);
        assertThat(v.rows()).isEqualTo(1);
        assertThat(v.cols()).isEqualTo(5);
        assertThat(v.size()).isEqualTo(5);
        assertThat(v.dims()).containsExactly(5);
        assertThat(v).hasToString("[5]");
    }

    @Test
    void matrixAndVectorOfSameSizeDiffer() {
        assertThat(Shape.matrix(1, 5)).isNotEqualTo(Shape.vector(5));
        assertThat(Shape.matrix(2, 3)).isEqualTo(Shape.of(2, 3)).hasSameHashCodeAs(Shape.of(2, 3));
        assertThat(Shape.matrix(2, 3)).hasToString("[2, 3]");
        assertThat(Shape.matrix(2, 3).dims()).containsExactly(2, 3);
    }

    @Test
    void rejectsBadDimensionsNamingTheValue() {
        assertThatThrownBy(() -> Shape.matrix(0, 3)).hasMessage("rows (0) must be >= 1");
        assertThatThrownBy(() -> Shape.vector(-2)).hasMessage("vector length (-2) must be >= 1");
        assertThatThrownBy(() -> Shape.of(1, 2, 3)).hasMessage("shape [1, 2, 3] has rank 3; allowed ranks: 1, 2");
        assertThatThrownBy(() -> Shape.matrix(100_000, 100_000)).hasMessageContaining("10000000000 elements");
    }
}
