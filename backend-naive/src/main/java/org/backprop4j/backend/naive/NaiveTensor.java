package org.backprop4j.backend.naive;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.spi.AbstractTensor;

/**
 * A tensor of the naive backend: its elements, row-major, in a {@code double[]} whatever the
 * dtype. A float32 tensor holds only values representable as float: every op rounds its results
 * to float32 before storing them. One code path serves both dtypes.
 */
final class NaiveTensor extends AbstractTensor {
    final double[] data;
    /** Work space of the ops that write this tensor (a transposed operand), kept between calls. */
    private double[] scratch;

    NaiveTensor(NaiveOps owner, DType dtype, Shape shape) {
        super(owner, dtype, shape);
        this.data = new double[shape.size()];
    }

    /** A work array of at least {@code size} elements, reused while it is large enough. */
    double[] scratch(int size) {
        if (scratch == null || scratch.length < size) {
            scratch = new double[size];
        }
        return scratch;
    }

    /** Rounds every element to float32 if this is a float32 tensor; the last step of every op. */
    void roundToDType() {
        if (dtype() == DType.FLOAT32) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) data[i];
            }
        }
    }
}
