package org.backprop4j.backend.vector;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.UnaryOp;

/**
 * The per-dtype ops of the vector backend other than the product: {@link Float64Kernels} on
 * {@code double[]}, ordinary Java and the source of truth, and {@link Float32Kernels} on
 * {@code float[]}, generated from it word by word by build-tools' {@code Float32Generator}
 * ({@code double} becomes {@code float}, {@code DoubleVector} {@code FloatVector},
 * {@code doubles} {@code floats}; the rules are in its class comment), as {@link Float32Gemm} is
 * from {@link Float64Gemm}. {@code GeneratedFloat32Test} fails when a float32 class is stale: edit
 * the float64 class, then run {@code java build-tools/src/main/java/org/backprop4j/build/Float32Generator.java}
 * with its path. What float32 computes differently (in double, rounded once) is {@link InDouble}.
 * The contracts are {@link org.backprop4j.api.Backend}'s; the arguments are the tensors the
 * facade checked, all of this dtype.
 *
 * <p>Unless a method says otherwise, an output may be the same tensor as an input: every method
 * reads element {@code i} of its inputs before it writes element {@code i} of its output and
 * touches no other element of it. Scalars are given in double; the float32 kernels round them
 * to float and compute in float, as PyTorch does for a float32 tensor and a Python scalar,
 * except where a method says it computes in double.
 */
interface DTypeKernels {

    /** The kernels of {@code dtype}; a switch expression, so a new {@link DType} fails to compile here. */
    static DTypeKernels of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Float32Kernels.INSTANCE;
            case FLOAT64 -> Float64Kernels.INSTANCE;
        };
    }

    /** {@code dst = src}, rounding to float for float32. */
    void copyIn(double[] src, VectorTensor dst);

    /** {@code dst = src}, widening exactly for float64. */
    void copyIn(float[] src, VectorTensor dst);

    /** {@code dst = src}'s elements, widening float32 exactly. */
    void copyOut(VectorTensor src, double[] dst);

    /** {@code dst = src}'s elements, rounding float64 to nearest. */
    void copyOut(VectorTensor src, float[] dst);

    /** {@code out_ij = a_ij + v_j}. */
    void addRowVector(VectorTensor a, VectorTensor v, VectorTensor out);

    /** {@code out_j = beta out_j + sum_i a_ij}, rows added in order; {@code out} not read when {@code beta == 0}. */
    void columnSums(VectorTensor a, double beta, VectorTensor out);

    /** {@code out_i = op_j a_ij}; float32 sums accumulate in double. */
    void rowReduce(ReduceOp op, VectorTensor a, VectorTensor out);

    /** {@code out_ij = a_ij op v_i}; {@code out} is not {@code v}. */
    void rowBroadcast(BinaryOp op, VectorTensor a, VectorTensor v, VectorTensor out);

    /** {@code out_i = a_i op b_i}. */
    void binary(BinaryOp op, VectorTensor a, VectorTensor b, VectorTensor out);

    /** {@code out_i = op(a_i)}. */
    void unary(UnaryOp op, VectorTensor a, VectorTensor out);

    /** {@code y_i = f(x_i)}. */
    void activation(Activation f, VectorTensor x, VectorTensor y);

    /** {@code dx_i = dy_i f'(x_i)}, given {@code y = f(x)}. */
    void activationBackward(Activation f, VectorTensor x, VectorTensor y, VectorTensor dy, VectorTensor dx);

    /** {@code y = alpha x + beta y}; {@code y} not read when {@code beta == 0}. */
    void axpby(double alpha, VectorTensor x, double beta, VectorTensor y);

    /** {@code out_i = a_i + s}. */
    void addScalar(VectorTensor a, double s, VectorTensor out);

    /** Every element becomes {@code value}, rounded to the dtype. */
    void fill(VectorTensor t, double value);

    /** {@code sum_i a_i}; float32 accumulates in double. */
    double sum(VectorTensor a);

    /** {@code sum_i a_i b_i}; float32 accumulates in double. */
    double dot(VectorTensor a, VectorTensor b);
}
