package org.backprop4j.backend.nd4j;

import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.spi.AbstractTensor;
import org.bytedeco.javacpp.Pointer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A tensor of the nd4j backend: a dense, row-major ({@code 'c'} order) {@link INDArray} of
 * ND4J type {@code FLOAT} or {@code DOUBLE}, never a view, so its buffer holds exactly the
 * tensor's elements in the order of the API. A vector {@code [n]} is stored as a {@code [1, n]}
 * matrix, the layout {@link Shape} gives it, so every op sees rank 2.
 *
 * <p>The two handles the ops use are made here, once per tensor, because ND4J makes new Java
 * objects each time it is asked for them ({@code data().addressPointer()} about 620 bytes per
 * call): the buffer's address for BLAS and the NIO view for Java loops.
 */
final class Nd4jTensor extends AbstractTensor {
    /**
     * Never read by the ops, but not dead: it keeps the array, and so its native buffer, reachable
     * for as long as the tensor is. {@link #address} and {@link #elements} point into that buffer
     * without holding it, and ND4J frees a native buffer once its Java objects are collected.
     */
    final INDArray array;
    /** The buffer's address, a {@code FloatPointer} for float32 and a {@code DoublePointer} for float64. */
    final Pointer address;
    /** The buffer's elements, for the ops that are Java loops. */
    final Elements elements;

    Nd4jTensor(Nd4jOps owner, DType dtype, Shape shape, INDArray array) {
        super(owner, dtype, shape);
        this.array = array;
        this.address = array.data().addressPointer();
        this.elements = Elements.of(dtype, array.data());
    }
}
