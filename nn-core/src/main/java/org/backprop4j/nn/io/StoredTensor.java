package org.backprop4j.nn.io;

import java.util.Arrays;
import org.backprop4j.api.DType;

/**
 * One tensor of a safetensors file, off any backend: its element type, its shape (any rank,
 * including rank 0 for a scalar) and its elements in row-major ("C") order. Float32 elements
 * are held as doubles rounded to float32, so they widen and narrow exactly. Immutable.
 */
public final class StoredTensor {
    private final DType dtype;
    private final int[] shape;
    private final double[] data;

    /**
     * @param dtype the element type the file stores ({@code F32} or {@code F64})
     * @param shape dimensions, each {@code >= 0}
     * @param data  {@code product(shape)} elements, row-major; rounded to float32 for {@link DType#FLOAT32}
     * @throws IllegalArgumentException for a negative dimension or a wrong element count
     */
    public StoredTensor(DType dtype, int[] shape, double[] data) {
        long count = 1;
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("tensor shape " + Arrays.toString(shape)
                        + " has a negative dimension; expected dimensions >= 0");
            }
            count *= d;
        }
        if (count != data.length) {
            throw new IllegalArgumentException("tensor of shape " + Arrays.toString(shape) + " has " + data.length
                    + " elements; expected " + count);
        }
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data.clone();
        for (int i = 0; i < this.data.length; i++) {
            this.data[i] = dtype.round(this.data[i]);
        }
    }

    public DType dtype() {
        return dtype;
    }

    /** A copy of the dimensions. */
    public int[] shape() {
        return shape.clone();
    }

    /** A copy of the elements, row-major. */
    public double[] data() {
        return data.clone();
    }

    /** Number of elements: the product of the dimensions (1 for rank 0). */
    public int size() {
        return data.length;
    }

    /** Bytes the elements take in a file. */
    long byteLength() {
        return (long) data.length * dtype.bytes();
    }

    /** The elements themselves, not a copy: for writing, which only reads them. */
    double[] values() {
        return data;
    }

    @Override
    public String toString() {
        return (dtype == DType.FLOAT32 ? "F32" : "F64") + Arrays.toString(shape);
    }
}
