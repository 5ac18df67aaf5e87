package com.example.backprop4j.template;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.spi.AbstractTensor;

/**
 * A tensor of the template backend: its elements, row-major (element {@code [i, j]} of an
 * {@code [m, n]} matrix at {@code i * n + j}), in a {@code double[]} whatever the dtype. A
 * float32 tensor holds only values a float can hold: every op rounds what it stores
 * ({@link #round()}), so float32 is computed in double and rounded once per op.
 */
final class TemplateTensor extends AbstractTensor {
    /** The elements, row-major; written only by the ops. */
    final double[] data;

    TemplateTensor(TemplateOps owner, DType dtype, Shape shape) {
        super(owner, dtype, shape);
        this.data = new double[shape.size()];
    }

    /** Rounds every element to float32 if this is a float32 tensor; the last step of every op that writes it. */
    void round() {
        if (dtype() == DType.FLOAT32) {
            for (int i = 0; i < data.length; i++) {
                data[i] = (float) data[i];
            }
        }
    }
}
