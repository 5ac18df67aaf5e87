package org.backprop4j.api.spi;

import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.ReduceOp;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;

/**
 * What a backend implements: a table of primitive tensor ops, and nothing else. A backend knows
 * nothing of layers, losses or gradients; those live in {@code nn-core}, above every backend.
 *
 * <p>The contract of each op (its formula, special cases and which arguments it writes) is
 * stated once, on the facade {@link Backend}, which checks every argument before it calls in
 * here. An implementation may therefore assume:
 * <ul>
 *   <li>every tensor was made by this object's {@link #zeros} (so it may cast to its own class);</li>
 *   <li>all tensors of one call have the same {@link DType};</li>
 *   <li>shapes agree as the facade documents; arrays have exactly {@code shape.size()} elements;</li>
 *   <li>an output of {@code gemm} is not the same object as either input; outputs of elementwise
 *       ops may be the same object as an input (in-place use), and must then work in place.</li>
 * </ul>
 *
 * <p>The abstract methods are the primitives. The default methods are composites built on
 * them; a backend may override a composite for speed, never to change its result beyond
 * rounding. A backend is only a backend when it passes the conformance kit
 * ({@code conformance-tests}).
 */
public interface TensorOps {

    // ---- storage ---------------------------------------------------------------------------

    /** A new tensor of the given type and shape, every element {@code +0.0}. */
    Tensor zeros(DType dtype, Shape shape);

    /** Copies {@code src} (row-major) into {@code dst}, rounding to float32 if {@code dst} is. */
    void copyIn(double[] src, Tensor dst);

    /** Copies {@code src} (row-major) into {@code dst}, widening exactly if {@code dst} is float64. */
    void copyIn(float[] src, Tensor dst);

    /** Copies {@code src}'s elements into {@code dst} in row-major order (widening float32 exactly). */
    void copyOut(Tensor src, double[] dst);

    /** Copies {@code src}'s elements into {@code dst} in row-major order (rounding float64 to nearest). */
    void copyOut(Tensor src, float[] dst);

    // ---- linear algebra --------------------------------------------------------------------

    /** See {@link Backend#gemm}: {@code c = alpha op(a) op(b) + beta c}; {@code c} not read when {@code beta == 0}. */
    void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c);

    /** See {@link Backend#addRowVector}: {@code out_ij = a_ij + v_j}. */
    void addRowVector(Tensor a, Tensor v, Tensor out);

    /** See {@link Backend#columnSums}: {@code out_j = beta out_j + sum_i a_ij}; {@code out} not read when {@code beta == 0}. */
    void columnSums(Tensor a, double beta, Tensor out);

    /** See {@link Backend#rowReduce}: {@code out_i = op_j a_ij} for {@code a [rows, cols]}, {@code out [rows]}. */
    void rowReduce(ReduceOp op, Tensor a, Tensor out);

    /** See {@link Backend#rowBroadcast}: {@code out_ij = a_ij op v_i} for {@code a, out [rows, cols]}, {@code v [rows]}. */
    void rowBroadcast(BinaryOp op, Tensor a, Tensor v, Tensor out);

    // ---- elementwise -----------------------------------------------------------------------

    /** See {@link Backend#binary}: {@code out_i = a_i op b_i}. */
    void binary(BinaryOp op, Tensor a, Tensor b, Tensor out);

    /** See {@link Backend#unary}: {@code out_i = op(a_i)}. */
    void unary(UnaryOp op, Tensor a, Tensor out);

    /** See {@link Backend#activation}: {@code y_i = f(x_i)}. */
    void activation(Activation f, Tensor x, Tensor y);

    /** See {@link Backend#activationBackward}: {@code dx_i = dy_i f'(x_i)}, with {@code y = f(x)} given. */
    void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx);

    /** See {@link Backend#axpby}: {@code y = alpha x + beta y}; {@code y} not read when {@code beta == 0}. */
    void axpby(double alpha, Tensor x, double beta, Tensor y);

    /** See {@link Backend#addScalar}: {@code out_i = a_i + s}. */
    void addScalar(Tensor a, double s, Tensor out);

    /** See {@link Backend#fill}: every element of {@code t} becomes {@code value}. */
    void fill(Tensor t, double value);

    // ---- reductions ------------------------------------------------------------------------

    /** See {@link Backend#sum}: {@code sum_i a_i}. */
    double sum(Tensor a);

    /** See {@link Backend#dot}: {@code sum_i a_i b_i} over all elements. */
    double dot(Tensor a, Tensor b);

    // ---- composites ------------------------------------------------------------------------

    /** {@code dst = src}. */
    default void copy(Tensor src, Tensor dst) {
        axpby(1.0, src, 0.0, dst);
    }

    /** {@code out = alpha x}. */
    default void scale(double alpha, Tensor x, Tensor out) {
        axpby(alpha, x, 0.0, out);
    }

    /**
     * The affine map of a linear layer: {@code y = x W^T + b} for {@code x [batch, in]},
     * {@code w [out, in]}, {@code b [out]} or {@code null}, {@code y [batch, out]}.
     */
    default void linear(Tensor x, Tensor w, Tensor b, Tensor y) {
        gemm(1.0, x, false, w, true, 0.0, y);
        if (b != null) {
            addRowVector(y, b, y);
        }
    }

    /** {@code y = y + value * a * b} elementwise (PyTorch's {@code addcmul_}); {@code scratch} has a's shape. */
    default void addcmul(double value, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        binary(BinaryOp.MUL, a, b, scratch);
        axpby(value, scratch, 1.0, y);
    }

    /** {@code y = y + value * a / b} elementwise (PyTorch's {@code addcdiv_}); {@code scratch} has a's shape. */
    default void addcdiv(double value, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        binary(BinaryOp.DIV, a, b, scratch);
        axpby(value, scratch, 1.0, y);
    }
}
