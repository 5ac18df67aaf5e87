package org.backprop4j.backend.ejml;

import org.backprop4j.api.Activation;
import org.backprop4j.api.DType;
import org.ejml.data.Matrix;

/**
 * The per-dtype half of the EJML backend: every method is one {@code CommonOps_DDRM} /
 * {@code CommonOps_FDRM} call (or its {@code CommonOps_MT_*} twin), or, where EJML has no such op,
 * one loop over the matrices' data arrays. {@link Float64Kernels} implements it on
 * {@code DMatrixRMaj}: it is ordinary Java and the source of truth. {@link Float32Kernels}, on
 * {@code FMatrixRMaj}, is generated from it word by word by build-tools' {@code Float32Generator}
 * ({@code double} becomes {@code float}, {@code DMatrixRMaj} {@code FMatrixRMaj},
 * {@code CommonOps_DDRM} {@code CommonOps_FDRM}; the rules are in its class comment) and
 * committed; {@code GeneratedFloat32Test} fails when it is stale. Edit {@code Float64Kernels}, then
 * run {@code java build-tools/src/main/java/org/backprop4j/build/Float32Generator.java
 * backend-ejml/src/main/java/org/backprop4j/backend/ejml/Float64Kernels.java}. The sums, which
 * float32 accumulates in double, are {@link DoubleSums}', written for each dtype. What to call for
 * which op, argument and special case is decided once, in {@link EjmlOps}, for both.
 *
 * <p>All tensors of one call have this dtype and the shapes {@link EjmlOps} documents. Unless a
 * method says otherwise, an output may be the same tensor as an input: every elementwise method
 * reads element {@code i} of its inputs before it writes element {@code i} of its output, and
 * touches no other element of it. Scalars are given in double; the float32 kernels round them to
 * float and compute in float, as PyTorch does for a float32 tensor and a Python scalar, except
 * where a method says it computes in double.
 */
interface DenseKernels {

    /** The kernels of {@code dtype}; a switch expression, so a new {@link DType} fails to compile here. */
    static DenseKernels of(DType dtype) {
        return switch (dtype) {
            case FLOAT32 -> Float32Kernels.INSTANCE;
            case FLOAT64 -> Float64Kernels.INSTANCE;
        };
    }

    /** A new {@code rows x cols} matrix of {@code +0.0}. */
    Matrix zeros(int rows, int cols);

    // ---- storage: src and dst have dst's element count -------------------------------------

    /** {@code dst = src}, rounding to float for float32. */
    void copyIn(double[] src, EjmlTensor dst);

    /** {@code dst = src}, widening exactly for float64. */
    void copyIn(float[] src, EjmlTensor dst);

    /** {@code dst = src}'s elements, widening float32 exactly. */
    void copyOut(EjmlTensor src, double[] dst);

    /** {@code dst = src}'s elements, rounding float64 to nearest. */
    void copyOut(EjmlTensor src, float[] dst);

    // ---- products: matrices of this dtype, c distinct from a and b ---------------------------

    /**
     * {@code c = alpha op(a) op(b)}, {@code c} written without being read ({@code mult*}); with
     * {@code concurrent}, on EJML's thread pool ({@code CommonOps_MT_*}).
     */
    void mult(Product product, boolean concurrent, double alpha, Matrix a, Matrix b, Matrix c);

    /** {@code c = c + alpha op(a) op(b)} ({@code multAdd*}); with {@code concurrent}, on EJML's thread pool. */
    void multAdd(Product product, boolean concurrent, double alpha, Matrix a, Matrix b, Matrix c);

    /**
     * {@code bT = b^T} ({@code transpose}): {@code bT} is reshaped to {@code [b.cols, b.rows]}, which
     * allocates only when its array is smaller than {@code b}'s.
     */
    void transpose(EjmlTensor b, Matrix bT);

    // ---- elementwise -----------------------------------------------------------------------

    /** {@code out_i = a_i + b_i}. */
    void add(EjmlTensor a, EjmlTensor b, EjmlTensor out);

    /** {@code out_i = a_i - b_i}. */
    void subtract(EjmlTensor a, EjmlTensor b, EjmlTensor out);

    /** {@code out_i = a_i b_i}. */
    void elementMult(EjmlTensor a, EjmlTensor b, EjmlTensor out);

    /** {@code out_i = a_i / b_i}. */
    void elementDiv(EjmlTensor a, EjmlTensor b, EjmlTensor out);

    /** {@code out_i = max(a_i, b_i)}, NaN if either is NaN ({@link Math#max}); a loop. */
    void elementMax(EjmlTensor a, EjmlTensor b, EjmlTensor out);

    /** {@code out_i = min(a_i, b_i)}, NaN if either is NaN ({@link Math#min}); a loop. */
    void elementMin(EjmlTensor a, EjmlTensor b, EjmlTensor out);

    /** {@code out_i = exp(a_i)} ({@code elementExp}: {@code Math.exp}, rounded once to float32). */
    void elementExp(EjmlTensor a, EjmlTensor out);

    /** {@code out_i = log(a_i)} ({@code elementLog}: {@code Math.log}, rounded once to float32). */
    void elementLog(EjmlTensor a, EjmlTensor out);

    /** {@code out_i = |a_i|} ({@code abs}: {@code Math.abs}, {@code +0.0} for {@code -0.0}). */
    void abs(EjmlTensor a, EjmlTensor out);

    /** {@code out_i = sign(a_i)}: -1, 1, {@code +0.0} for either zero, NaN for NaN; a loop ({@code Math.signum}). */
    void sign(EjmlTensor a, EjmlTensor out);

    /** {@code out_i = sqrt(a_i)}, correctly rounded in both dtypes; a loop. */
    void elementSqrt(EjmlTensor a, EjmlTensor out);

    /** {@code out_i = alpha x_i}; {@code out} is not read. */
    void scale(double alpha, EjmlTensor x, EjmlTensor out);

    /** {@code y_i = y_i + alpha x_i}. */
    void addEquals(EjmlTensor y, double alpha, EjmlTensor x);

    /** {@code y_i = alpha x_i + beta y_i} ({@code add}). */
    void axpby(double alpha, EjmlTensor x, double beta, EjmlTensor y);

    /** {@code out_i = a_i + s} ({@code add}). */
    void addScalar(EjmlTensor a, double s, EjmlTensor out);

    /** Every element of {@code t} becomes {@code value}. */
    void fill(EjmlTensor t, double value);

    /** {@code dst = src}, element for element. */
    void copy(EjmlTensor src, EjmlTensor dst);

    /** {@code y_i = f(x_i)}, by {@link org.backprop4j.api.Activation#forward}, computed in double; a loop. */
    void activation(Activation f, EjmlTensor x, EjmlTensor y);

    /** {@code dx_i = dy_i f'(x_i)}, by {@link org.backprop4j.api.Activation#backward}, computed in double; a loop. */
    void activationBackward(Activation f, EjmlTensor x, EjmlTensor y, EjmlTensor dy, EjmlTensor dx);

    /** ReLU: {@code y_i = max(x_i, 0)} ({@code Math.max}: {@code +0.0} for {@code -0.0}, NaN for NaN), without a branch. */
    void relu(EjmlTensor x, EjmlTensor y);

    /**
     * {@code out_i = test_i <= 0 ? +0.0 : value_i}, as an integer mask on the bits of
     * {@code value_i}: ReLU's backward rule with {@code test = y}, {@code value = dy}. C2 compiles a
     * select between two integers without a branch but one between two floats with one, which
     * activations (about half of them negative) mispredict so often that the loop runs several
     * times slower.
     */
    void zeroWhereNotPositive(EjmlTensor test, EjmlTensor value, EjmlTensor out);

    /**
     * {@code out_i = test_i > 0 ? value_i : value_i * factor}, with the same mask: LeakyReLU's
     * forward rule ({@code test = value = x}) and backward rule ({@code test = x},
     * {@code value = dy}), {@code factor} the slope; NaN in {@code test} scales. Computed in the
     * element type, float32 with the slope rounded to float, as PyTorch's float32 kernel does.
     */
    void scaleWhereNotPositive(EjmlTensor test, EjmlTensor value, double factor, EjmlTensor out);

    /**
     * Sigmoid's backward rule, {@code dx_i = dy_i (1 - y_i) y_i}, computed in the element type (as
     * PyTorch's kernels do: float32 in float, three roundings).
     */
    void sigmoidBackward(EjmlTensor y, EjmlTensor dy, EjmlTensor dx);

    /** Tanh's backward rule, {@code dx_i = dy_i (1 - y_i^2)}, computed in the element type. */
    void tanhBackward(EjmlTensor y, EjmlTensor dy, EjmlTensor dx);

    // ---- rows and columns: a and out [rows, cols]; v and sums [cols] or [rows] as named -----

    /** {@code out_ij = a_ij + v_j}, {@code v [cols]}; a loop. */
    void addRowVector(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code sums_i = sum_j a_ij}, {@code sums [rows]}: float64 {@code sumRows}; float32 a loop summing in double. */
    void sumRows(EjmlTensor a, EjmlTensor sums);

    /**
     * {@code maxima_i = max_j a_ij}, {@code maxima [rows]}: NaN for a row holding NaN,
     * {@code -Infinity} for a row of {@code -Infinity}; a loop ({@code Math.max}). Not EJML's
     * {@code maxRows}, which starts from {@code -MAX_VALUE} and keeps {@code v > max}, losing both.
     */
    void maxRows(EjmlTensor a, EjmlTensor maxima);

    /** {@code out_ij = a_ij + v_i}, {@code v [rows]}; a loop. */
    void addColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code out_ij = a_ij - v_i}, {@code v [rows]}; a loop. */
    void subtractColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code out_ij = a_ij v_i}, {@code v [rows]}: {@code a} copied into {@code out} unless they are one, then {@code multRows}. */
    void multRows(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code out_ij = a_ij / v_i}, {@code v [rows]}: {@code a} copied into {@code out} unless they are one, then {@code divideRows}. */
    void divideRows(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code out_ij = max(a_ij, v_i)}, {@code v [rows]}, NaN if either is NaN; a loop. */
    void maxColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code out_ij = min(a_ij, v_i)}, {@code v [rows]}, NaN if either is NaN; a loop. */
    void minColumn(EjmlTensor a, EjmlTensor v, EjmlTensor out);

    /** {@code sums_j = sum_i a_ij}; {@code sums} is not read ({@code sumCols}). */
    void sumCols(EjmlTensor a, EjmlTensor sums);

    /** {@code sums_j = sums_j + sum_i a_ij}; a loop. */
    void addSumCols(EjmlTensor a, EjmlTensor sums);

    // ---- reductions, returned in double ----------------------------------------------------

    /** {@code sum_i a_i}; float32 is summed in double. */
    double elementSum(EjmlTensor a);

    /** {@code sum_i a_i b_i} over all elements; float32 is summed in double. */
    double dot(EjmlTensor a, EjmlTensor b);
}
