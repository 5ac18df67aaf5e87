package org.backprop4j.backend.nd4j;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.TensorOps;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor of the nd4j backend: a dense, row-major ({@code 'c'} order) {@link INDArray} of
 * ND4J type {@code FLOAT} or {@code DOUBLE}, never a view, so its buffer holds exactly the
 * tensor's elements in the order of the API. A vector {@code [n]} is stored as a {@code [1, n]}
 * matrix, the layout {@link Shape} gives it, so every op sees rank 2.
 */
final class Nd4jTensor implements Tensor {
    final INDArray array;
    private final Shape shape;
    private final DType dtype;
    private final Nd4jOps owner;

    Nd4jTensor(Nd4jOps owner, DType dtype, Shape shape, INDArray array) {
        this.owner = owner;
        this.dtype = dtype;
        this.shape = shape;
        this.array = array;
    }

    @Override
    public Shape shape() {
        return shape;
    }

    @Override
    public DType dtype() {
        return dtype;
    }

    @Override
    public TensorOps owner() {
        return owner;
    }

    @Override
    public String toString() {
        return "nd4j " + dtype + " " + shape;
    }
}
