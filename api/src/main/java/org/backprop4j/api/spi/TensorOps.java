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
 * <p>The formula and special cases of each op are stated once, on the facade {@link Backend},
 * which checks every argument before it calls in here. This page states the rest of the
 * contract between the two: what an implementation may assume, and what it must do in return.
 * The conformance kit ({@code conformance-tests}: {@code BackendOpsContract} in JUnit,
 * {@code OpContract} for other tools) checks every clause marked <i>(checked)</i>; a backend is
 * only a backend when it passes the kit.
 *
 * <h2>What an implementation may assume</h2>
 * <ul>
 *   <li>every tensor was made by this object's {@link #zeros} (so it may cast to its own class);</li>
 *   <li>all tensors of one call have the same {@link DType}, one its provider declares;</li>
 *   <li>shapes agree as the facade documents; arrays have exactly {@code shape.size()} elements;</li>
 *   <li>no call aliases an output with an input where the table below forbids it.</li>
 * </ul>
 *
 * <h2>Aliasing</h2>
 * Tensors that an op only reads may be the same object as each other in every op
 * ({@code gemm(a, a)}, {@code binary(op, a, a, out)}, {@code dot(a, a)}). A tensor that an op
 * writes may be the same object as one of its inputs only where this table allows it, and the op
 * must then give the same result as it gives for distinct tensors holding the same values, within
 * its rounding allowance (below) <i>(checked: every permission, in both dtypes)</i>. The facade
 * rejects every aliasing marked "never" with an {@code IllegalArgumentException} before the
 * backend is called <i>(checked)</i>; where it says "by shape", the shapes the facade requires
 * make the two distinct objects.
 *
 * <table>
 *   <caption>Which written tensor may be which input</caption>
 *   <tr><th>op</th><th>written</th><th>may be</th><th>never</th></tr>
 *   <tr><td>{@link #gemm}</td><td>{@code c} (read when {@code beta != 0})</td><td>-</td><td>{@code a}, {@code b}</td></tr>
 *   <tr><td>{@link #linear}</td><td>{@code y}</td><td>-</td><td>{@code x}, {@code w}; {@code b} by shape</td></tr>
 *   <tr><td>{@link #addRowVector}</td><td>{@code out}</td><td>{@code a}</td><td>{@code v} by shape</td></tr>
 *   <tr><td>{@link #columnSums}</td><td>{@code out} (read when {@code beta != 0})</td><td>-</td><td>{@code a} by shape</td></tr>
 *   <tr><td>{@link #rowReduce}</td><td>{@code out}</td><td>-</td><td>{@code a} by shape</td></tr>
 *   <tr><td>{@link #rowBroadcast}</td><td>{@code out}</td><td>{@code a}</td><td>{@code v} by shape</td></tr>
 *   <tr><td>{@link #binary}</td><td>{@code out}</td><td>{@code a}, {@code b}</td><td>-</td></tr>
 *   <tr><td>{@link #unary}</td><td>{@code out}</td><td>{@code a}</td><td>-</td></tr>
 *   <tr><td>{@link #activation}</td><td>{@code y}</td><td>{@code x}</td><td>-</td></tr>
 *   <tr><td>{@link #activationBackward}</td><td>{@code dx}</td><td>{@code x}, {@code y}, {@code dy}</td><td>-</td></tr>
 *   <tr><td>{@link #axpby}</td><td>{@code y} (read when {@code beta != 0})</td><td>{@code x}</td><td>-</td></tr>
 *   <tr><td>{@link #scale}</td><td>{@code out}</td><td>{@code x}</td><td>-</td></tr>
 *   <tr><td>{@link #copy}</td><td>{@code dst}</td><td>{@code src} (nothing changes)</td><td>-</td></tr>
 *   <tr><td>{@link #addScalar}</td><td>{@code out}</td><td>{@code a}</td><td>-</td></tr>
 *   <tr><td>{@link #addcdiv}</td><td>{@code y} (read), {@code scratch}</td>
 *       <td>{@code y}: {@code a}, {@code b}</td><td>{@code scratch}: {@code a}, {@code b}, {@code y}</td></tr>
 *   <tr><td>{@link #fill}</td><td>{@code t}</td><td>-</td><td>-</td></tr>
 * </table>
 * A loop that reads element {@code i} of every input before it writes element {@code i} of the
 * output meets every permission of the elementwise ops by construction; an op computed in
 * several passes must not let an early pass overwrite an input a later pass reads.
 *
 * <h2>Scalars: {@code beta == 0} and {@code alpha == 0}</h2>
 * <ul>
 *   <li>{@code beta == 0}: the output that {@code beta} would scale ({@code c} of {@link #gemm},
 *       {@code out} of {@link #columnSums}, {@code y} of {@link #axpby}) is written without being
 *       read, so NaN or an infinity in it does not survive, as in BLAS <i>(checked)</i>.</li>
 *   <li>{@code alpha == 0} is not a special case: the tensors it multiplies are read, and
 *       {@code 0 * NaN} and {@code 0 * ±Infinity} are NaN (IEEE 754). So NaN or an infinity in
 *       {@code x} of {@link #axpby} or {@link #scale} makes that element NaN, and in a row of
 *       {@code op(a)} or a column of {@code op(b)} of {@link #gemm} the matching elements of
 *       {@code c} <i>(checked)</i>. That is what the reference backend computes and what
 *       {@code torch.add(y, x, alpha=0)} gives (an SGD step with {@code dampening = 1} is one), so
 *       a NaN gradient is never hidden. BLAS differs: reference BLAS and OpenBLAS return from
 *       {@code ?gemm} and {@code ?axpy} without reading {@code a}, {@code b} or {@code x} when
 *       {@code alpha} is 0 (and {@code torch.addmm(alpha=0)} inherits that), so a backend on
 *       BLAS must not hand {@code alpha == 0} to them.</li>
 * </ul>
 *
 * <h2>Float32</h2>
 * A float32 op may compute in float, with its {@code double} scalars rounded to float first (as
 * PyTorch does for a float32 tensor and a Python scalar), or in {@code double} with one rounding
 * per result, or anything in between. What it stores must be float32 values <i>(checked: every
 * element of every float32 result the kit reads)</i>, and its error must stay within the kit's
 * bound <i>(checked)</i>: for each element, {@code |r - e| <= k u (|e| + s)}, where {@code u} is
 * the unit roundoff ({@code 2^-24} for float32, {@code 2^-53} for float64), {@code e} the value
 * worked out by hand or the naive backend's result (the op computed in {@code double} and
 * rounded once), {@code s} the magnitude of the terms that were added to make it (where a
 * correct result may lose digits to cancellation) and {@code k}:
 * <table>
 *   <caption>The rounding allowance k, in units of roundoff</caption>
 *   <tr><th>ops</th><th>{@code k}</th><th>{@code s}</th></tr>
 *   <tr><td>storage, {@code copy}, {@code fill}, {@code rowReduce(MAX)}, MAX, MIN, ABS, SIGN; every
 *       result the facade documents as NaN, an infinity or a signed zero</td><td>0: exact</td><td>-</td></tr>
 *   <tr><td>ADD, SUB, MUL, DIV, SQRT, SQUARE, {@code addScalar}, {@code addRowVector},
 *       {@code rowBroadcast}</td><td>1: correctly rounded</td><td>0</td></tr>
 *   <tr><td>{@code axpby}, {@code addcdiv}</td><td>4</td><td>the terms' absolute values</td></tr>
 *   <tr><td>{@code gemm} with inner dimension {@code n}; {@code linear}</td><td>{@code 4 (n + 2)}; {@code 4 (n + 3)}</td>
 *       <td>{@code |alpha| |op(a)| |op(b)| + |beta| |c|}</td></tr>
 *   <tr><td>{@code columnSums}, {@code rowReduce(SUM)}, {@code sum}, {@code dot} over {@code n} terms</td>
 *       <td>{@code 2 (n + 2)}</td><td>the sum of the terms' absolute values</td></tr>
 *   <tr><td>EXP, LOG, every activation forward and backward</td><td>8; in float64 32 for EXP, LOG and
 *       the activations other than identity, ReLU and LeakyReLU</td>
 *       <td>backward: {@code |dy|}; GELU forward: {@code |x|} ({@code 1 + erf} cancels)</td></tr>
 * </table>
 * So a float32 sum may accumulate in float ({@link #sum} and {@link #dot} return a
 * {@code double} but need not be more precise), but a float32 partial sum that overflows may
 * then give an infinity where the exact sum is finite. A zero result may have either sign unless
 * the op states one (ABS, SIGN, SQRT do).
 *
 * <h2>Threads</h2>
 * Callers may call one {@code TensorOps} from several threads at once when no tensor that one
 * call writes is read or written by another call running at the same time; tensors that all of
 * them only read may be shared (the weights of concurrent forward passes) <i>(checked: four
 * threads, each with its own outputs and sharing read-only inputs, every result as when
 * computed alone)</i>. Anything else (two calls writing one tensor, one writing what another
 * reads) is a race of the caller's, with an unspecified outcome. The built-in backends keep no
 * state between calls except per-tensor scratch space that belongs to the output it serves
 * ({@code naive}'s transposed operand, {@code ejml}'s {@code b^T}), so concurrent products that
 * read the same {@code b} never share it; {@code ejml} splits large products over EJML's pool and
 * {@code nd4j} over OpenBLAS's, which concurrent callers share safely; {@code nd4j}'s cached rows
 * of ones are never written once published.
 *
 * <h2>Exceptions</h2>
 * An op throws only for what the facade cannot know (out of memory, a native library failing).
 * The facade rethrows a {@code RuntimeException} from any op as an
 * {@code IllegalStateException} naming the op and the backend, with the original as its cause.
 *
 * <h2>Primitives and composites</h2>
 * The abstract methods are the primitives. The default methods are composites built on them; a
 * backend may override a composite for speed, never to change its result beyond rounding.
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

    /**
     * See {@link Backend#gemm}: {@code c = alpha op(a) op(b) + beta c}; {@code c} not read when
     * {@code beta == 0}, {@code a} and {@code b} read when {@code alpha == 0} (see above).
     */
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

    /**
     * See {@link Backend#axpby}: {@code y = alpha x + beta y}; {@code y} not read when
     * {@code beta == 0}, {@code x} read when {@code alpha == 0} (see above); {@code x} may be {@code y}.
     */
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

    /** {@code y = y + value * a / b} elementwise (PyTorch's {@code addcdiv_}); {@code scratch} has a's shape. */
    default void addcdiv(double value, Tensor a, Tensor b, Tensor y, Tensor scratch) {
        binary(BinaryOp.DIV, a, b, scratch);
        axpby(value, scratch, 1.0, y);
    }
}
