package org.backprop4j.backend.nd4j;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;
import org.nd4j.linalg.api.blas.Level1;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.CustomOp;
import org.nd4j.linalg.api.ops.Op;
import org.nd4j.linalg.api.ops.impl.scalar.LeakyReLU;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinearDerivative;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarAdd;
import org.nd4j.linalg.api.ops.impl.scalar.ScalarMultiplication;
import org.nd4j.linalg.api.ops.impl.scalar.Step;
import org.nd4j.linalg.api.ops.impl.transforms.comparison.CompareAndSet;
import org.nd4j.linalg.api.ops.impl.transforms.floating.Sqrt;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.AddOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.DivOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.MulOp;
import org.nd4j.linalg.api.ops.impl.transforms.pairwise.arithmetic.SubOp;
import org.nd4j.linalg.api.ops.impl.transforms.same.Max;
import org.nd4j.linalg.api.ops.impl.transforms.same.OneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.same.Square;
import org.nd4j.linalg.api.ops.impl.transforms.same.TimesOneMinus;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Cosh;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sigmoid;
import org.nd4j.linalg.api.ops.impl.transforms.strict.Sinh;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * The nd4j backend's ops: ND4J ops on dense row-major {@link INDArray}s ({@link Nd4jTensor}),
 * one code path for float32 ({@code DataType.FLOAT}) and float64 ({@code DataType.DOUBLE}).
 *
 * <ul>
 *   <li>Products go straight to OpenBLAS ({@link RowMajorGemm}): {@code gemm} with transpose
 *       flags (nothing materialised), and two ops written as products with a cached row of
 *       ones, {@code columnSums} ({@code 1^T a}) and {@code addRowVector} ({@code a + 1 v}).
 *       {@code axpby} and {@code dot} are BLAS level 1 through ND4J's {@code BlasWrapper}. A
 *       call costs the BLAS routine and well under a microsecond more.</li>
 *   <li>Everything else is one or a few ND4J ops that write into the output array, never into
 *       a new one. Each costs microseconds whatever the size (about 8 µs for a custom op such
 *       as {@code AddOp}; a scalar op allocates its scalar), which, not arithmetic, dominates
 *       for small tensors; the module README has the measurements.</li>
 *   <li>Where ND4J's kernel differs from PyTorch's convention the op is composed differently
 *       (see {@link #forward}, {@link #backward} and {@link #maximum}), and where an op needs a
 *       temporary, it takes a per-thread scratch array that is reused across calls, since
 *       allocating one costs 7-18 µs.</li>
 * </ul>
 * float32 ops compute in float32, so results may differ from the reference backend's
 * correctly rounded ones by a few units of roundoff (the op contract allows for that).
 * Thread-safe: the caches are concurrent or per thread.
 */
final class Nd4jOps implements TensorOps {
    /**
     * Where {@code tanh} is 1 to the last bit in float64 (and float32): {@code tanh(20) = 1 -
     * 8.5e-18}. Inputs are clamped to it so that {@code sinh} and {@code cosh} do not overflow.
     */
    private static final double TANH_SATURATION = 20.0;

    /** A cached array's identity: element type and shape. */
    private record Key(DataType dataType, int rows, int cols) {
    }

    /** Rows of ones for {@link #addRowVector} and {@link #columnSums}, read-only once made. */
    private final ConcurrentMap<Key, INDArray> ones = new ConcurrentHashMap<>();
    /** Scratch arrays, per thread, so concurrent callers never share one. */
    private final ThreadLocal<Map<Key, INDArray>> scratch = ThreadLocal.withInitial(HashMap::new);

    private static INDArray arr(Tensor t) {
        return ((Nd4jTensor) t).array;
    }

    private static DataType dataType(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> DataType.FLOAT;
            case FLOAT64 -> DataType.DOUBLE;
        };
    }

    private static INDArray newArray(DataType dataType, int rows, int cols) {
        return Nd4j.create(dataType, new long[] {rows, cols}, 'c');
    }

    /** A scratch array of {@code like}'s type and shape, owned by the calling thread; contents undefined. */
    private INDArray scratchLike(INDArray like) {
        Key key = new Key(like.dataType(), like.rows(), like.columns());
        return scratch.get().computeIfAbsent(key, k -> newArray(k.dataType(), k.rows(), k.cols()));
    }

    /** Runs a legacy op and returns its output. */
    private static INDArray run(Op op) {
        return Nd4j.exec(op);
    }

    /** Runs a custom op and returns its (single) output. */
    private static INDArray run(CustomOp op) {
        return Nd4j.exec(op)[0];
    }

    // ---- storage ---------------------------------------------------------------------------

    @Override
    public Tensor zeros(DType dtype, Shape shape) {
        // Nd4j.create zero-fills; Nd4j.createUninitialized would not
        return new Nd4jTensor(this, dtype, shape, newArray(dataType(dtype), shape.rows(), shape.cols()));
    }

    @Override
    public void copyIn(double[] src, Tensor dst) {
        DataBuffer buffer = arr(dst).data();
        switch (dst.dtype()) {
            case FLOAT32 -> {
                FloatBuffer f = buffer.asNioFloat();
                for (int i = 0; i < src.length; i++) {
                    f.put(i, (float) src[i]); // Java's cast: round to nearest, ties to even
                }
            }
            case FLOAT64 -> buffer.asNioDouble().put(0, src);
        }
    }

    @Override
    public void copyIn(float[] src, Tensor dst) {
        DataBuffer buffer = arr(dst).data();
        switch (dst.dtype()) {
            case FLOAT32 -> buffer.asNioFloat().put(0, src);
            case FLOAT64 -> {
                DoubleBuffer d = buffer.asNioDouble();
                for (int i = 0; i < src.length; i++) {
                    d.put(i, src[i]);
                }
            }
        }
    }

    @Override
    public void copyOut(Tensor src, double[] dst) {
        DataBuffer buffer = arr(src).data();
        switch (src.dtype()) {
            case FLOAT32 -> {
                FloatBuffer f = buffer.asNioFloat();
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = f.get(i);
                }
            }
            case FLOAT64 -> buffer.asNioDouble().get(0, dst);
        }
    }

    @Override
    public void copyOut(Tensor src, float[] dst) {
        DataBuffer buffer = arr(src).data();
        switch (src.dtype()) {
            case FLOAT32 -> buffer.asNioFloat().get(0, dst);
            case FLOAT64 -> {
                DoubleBuffer d = buffer.asNioDouble();
                for (int i = 0; i < dst.length; i++) {
                    dst[i] = (float) d.get(i);
                }
            }
        }
    }

    /** {@code dst = src} with ND4J's assign: an exact copy, cheaper than the default's scale by 1. */
    @Override
    public void copy(Tensor src, Tensor dst) {
        arr(dst).assign(arr(src));
    }

    // ---- linear algebra --------------------------------------------------------------------

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        RowMajorGemm.gemm(c.dtype(), alpha, arr(a), transposeA, arr(b), transposeB, beta, arr(c));
    }

    /**
     * {@code out = a + 1 v}: copies {@code a} into {@code out} unless they are the same tensor,
     * then adds the rank-1 product of a column of ones and the row {@code v} with BLAS
     * ({@code beta = 1}). Each element gets one correctly rounded addition, {@code a_ij + 1 v_j}.
     * ND4J's broadcast add ({@code BroadcastAddOp}) took 18-23 µs for a [32, 64] float32 matrix,
     * this 3-4 µs.
     */
    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        INDArray result = arr(out);
        if (out != a) {
            result.assign(arr(a));
        }
        INDArray column = onesRow(result.dataType(), result.rows()); // transposed below: [rows, 1]
        RowMajorGemm.gemm(out.dtype(), 1.0, column, true, arr(v), false, 1.0, result);
    }

    /**
     * {@code out = 1^T a + beta out}: the column sums as a product with a row of ones, so that
     * {@code beta} (accumulate, or do not read {@code out}) is BLAS's and no temporary is needed.
     */
    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        INDArray matrix = arr(a);
        RowMajorGemm.gemm(a.dtype(), 1.0, onesRow(matrix.dataType(), matrix.rows()), false, matrix, false, beta, arr(out));
    }

    /** A {@code [1, length]} row of ones, made once per type and length and never written afterwards. */
    private INDArray onesRow(DataType dataType, int length) {
        return ones.computeIfAbsent(new Key(dataType, 1, length), k -> newArray(dataType, 1, length).assign(1.0));
    }

    // ---- elementwise -----------------------------------------------------------------------

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        binary(op, arr(a), arr(b), arr(out));
    }

    /** {@code z = x op y}, returning {@code z}; a switch expression, so a new {@link BinaryOp} fails to compile here. */
    private static INDArray binary(BinaryOp op, INDArray x, INDArray y, INDArray z) {
        return switch (op) {
            case ADD -> run(new AddOp(x, y, z));
            case SUB -> run(new SubOp(x, y, z));
            case MUL -> run(new MulOp(x, y, z));
            case DIV -> run(new DivOp(x, y, z));
            case MAX -> maximum(x, y, z);
        };
    }

    /**
     * {@code z = max(x, y)}, NaN if either is NaN (as {@code torch.maximum}). ND4J's max is
     * {@code p > q ? p : q}, which keeps a NaN in {@code q} but drops one in {@code p}; so it runs
     * with {@code p} the operand that {@code z} does not overwrite, and then {@code p}'s NaNs are
     * copied over ({@link CompareAndSet} on two arrays: {@code z = isNaN(p) ? p : z}).
     */
    private static INDArray maximum(INDArray x, INDArray y, INDArray z) {
        INDArray p = z == x ? y : x;
        INDArray q = p == x ? y : x;
        run(new Max(p, q, z));
        return run(new CompareAndSet(z, p, z, Conditions.isNan()));
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        unary(op, arr(a), arr(out));
    }

    /** {@code z = op(x)}, returning {@code z}; a switch expression, so a new {@link UnaryOp} fails to compile here. */
    private static INDArray unary(UnaryOp op, INDArray x, INDArray z) {
        return switch (op) {
            case SQRT -> run(new Sqrt(x, z));
            case SQUARE -> run(new Square(x, z));
        };
    }

    @Override
    public void activation(Activation f, double negativeSlope, Tensor x, Tensor y) {
        forward(f, negativeSlope, arr(x), arr(y));
    }

    /**
     * {@code y = f(x)}, returning {@code y}; a switch expression, so a new {@link Activation}
     * fails to compile here. ND4J's ReLU is {@code x < 0 ? 0 : x} and its leaky ReLU
     * {@code x < 0 ? s x : x}: both pass NaN and {@code -0.0} through, as PyTorch does. Its
     * {@code tanh} is {@code (1 - e^-2x) / (1 + e^-2x)}, which cancels for small {@code |x|}
     * (hundreds of units of roundoff below 0.01), so tanh is {@code sinh(x) / cosh(x)} instead,
     * within a few units, on inputs clamped to +-{@value #TANH_SATURATION} (NaN passes the
     * clamp; the comparisons are false for it).
     */
    private INDArray forward(Activation f, double negativeSlope, INDArray x, INDArray y) {
        return switch (f) {
            case IDENTITY -> y.assign(x);
            case RELU -> run(new RectifiedLinear(x, y, 0.0));
            case LEAKY_RELU -> run(new LeakyReLU(x, y, negativeSlope));
            case SIGMOID -> run(new Sigmoid(x, y));
            case TANH -> {
                INDArray sinh = scratchLike(x);
                run(new CompareAndSet(x, y, TANH_SATURATION, Conditions.greaterThan(TANH_SATURATION)));
                run(new CompareAndSet(y, y, -TANH_SATURATION, Conditions.lessThan(-TANH_SATURATION)));
                run(new Sinh(y, sinh));
                run(new Cosh(y, y));
                yield run(new DivOp(sinh, y, y));
            }
        };
    }

    @Override
    public void activationBackward(Activation f, double negativeSlope, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        backward(f, negativeSlope, arr(x), arr(y), arr(dy), arr(dx));
    }

    /**
     * {@code dx = dy f'(x)}, returning {@code dx}; a switch expression, so a new
     * {@link Activation} fails to compile here. The factor {@code f'} is built in a scratch
     * array, so {@code dx} may be any of the inputs. PyTorch's rules, which ND4J's own
     * derivative ops do not all follow:
     * <ul>
     *   <li>ReLU: {@code y <= 0 ? 0 : dy}, from the output: 0 at {@code x = 0}, and {@code dy}
     *       through a NaN output. ND4J's {@code relu_bp} computes {@code y > 0 ? dy : 0}, which
     *       gives 0 for NaN, so it is fed {@code y} with its NaNs replaced by 1.</li>
     *   <li>LeakyReLU: {@code x > 0 ? dy : s dy}, the slope at exactly 0 and for NaN. ND4J's
     *       {@code lrelu_bp} tests {@code x < 0} and gives {@code dy} at 0, so the factor is built
     *       as {@code step(x)} (1 where {@code x > 0}, else 0), then 0 replaced by {@code s}.</li>
     *   <li>sigmoid: {@code dy (1 - y) y}; tanh: {@code dy (1 - y^2)}, both from the output.</li>
     * </ul>
     */
    private INDArray backward(Activation f, double negativeSlope, INDArray x, INDArray y, INDArray dy, INDArray dx) {
        return switch (f) {
            case IDENTITY -> dx.assign(dy);
            case RELU -> {
                INDArray output = run(new CompareAndSet(y, scratchLike(dx), 1.0, Conditions.isNan()));
                yield run(new RectifiedLinearDerivative(output, dy, dx));
            }
            case LEAKY_RELU -> {
                INDArray factor = scratchLike(dx);
                run(new Step(x, factor, 0.0));
                run(new CompareAndSet(factor, negativeSlope, Conditions.equals(0.0)));
                yield run(new MulOp(dy, factor, dx));
            }
            case SIGMOID -> {
                INDArray factor = run(new TimesOneMinus(y, scratchLike(dx)));
                yield run(new MulOp(dy, factor, dx));
            }
            case TANH -> {
                INDArray factor = run(new Square(y, scratchLike(dx)));
                run(new OneMinus(factor, factor));
                yield run(new MulOp(dy, factor, dx));
            }
        };
    }

    /**
     * {@code y = alpha x + beta y}. With {@code beta == 0}, {@code y = alpha x} (ND4J's scalar
     * multiply into {@code y}, which does not read it); with {@code x} and {@code y} the same
     * tensor, {@code y = (alpha + beta) y}; otherwise BLAS level 1 through ND4J's {@code BlasWrapper}:
     * {@code scal} ({@code y = beta y}, skipped for 1), then {@code axpy} ({@code y = alpha x +
     * y}). The BLAS calls cost well under a microsecond; a scalar op allocates its scalar.
     */
    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        INDArray xa = arr(x);
        INDArray ya = arr(y);
        if (beta == 0) {
            run(new ScalarMultiplication(xa, null, ya, alpha));
        } else if (xa == ya) {
            run(new ScalarMultiplication(ya, null, ya, alpha + beta));
        } else {
            // Level1 directly: BlasWrapper.scal insists on vectors; the buffers are contiguous either way
            Level1 blas = Nd4j.getBlasWrapper().level1();
            long n = ya.length();
            if (beta != 1) {
                blas.scal(n, beta, ya);
            }
            blas.axpy(n, alpha, xa, ya);
        }
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        run(new ScalarAdd(arr(a), null, arr(out), s));
    }

    @Override
    public void fill(Tensor t, double value) {
        arr(t).assign(value); // a float32 array stores (float) value
    }

    // ---- reductions ------------------------------------------------------------------------

    /** {@code sum_i a_i}; float32 tensors are summed in float32 by libnd4j. */
    @Override
    public double sum(Tensor a) {
        return arr(a).sumNumber().doubleValue();
    }

    /** {@code sum_i a_i b_i}, BLAS {@code sdot} / {@code ddot} over the whole buffer (float32 accumulates in float32). */
    @Override
    public double dot(Tensor a, Tensor b) {
        return Nd4j.getBlasWrapper().dot(arr(a), arr(b));
    }
}
