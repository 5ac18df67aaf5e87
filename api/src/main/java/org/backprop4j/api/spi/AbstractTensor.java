package org.backprop4j.api.spi;

import java.util.Objects;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * The part of a {@link Tensor} that every backend writes the same way: the fixed shape, dtype
 * and owning ops table. A backend's tensor class extends this and adds its storage.
 */
public abstract class AbstractTensor implements Tensor {
    private final TensorOps owner;
    private final DType dtype;
    private final Shape shape;

    protected AbstractTensor(TensorOps owner, DType dtype, Shape shape) {
        this.owner = Objects.requireNonNull(owner, "owner");
        this.dtype = Objects.requireNonNull(dtype, "dtype");
        this.shape = Objects.requireNonNull(shape, "shape");
    }

    @Override
    public final Shape shape() {
        return shape;
    }

    @Override
    public final DType dtype() {
        return dtype;
    }

    @Override
    public final TensorOps owner() {
        return owner;
    }

    /** E.g. {@code float32 [8, 10] (NaiveTensor)}. */
    @Override
    public String toString() {
        return dtype + " " + shape + " (" + getClass().getSimpleName() + ")";
    }
}
