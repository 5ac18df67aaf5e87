package org.backprop4j.nn.loss;

import org.backprop4j.api.Backend;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.ReusableTensor;

/**
 * The targets of cross_entropy and nll as the coefficient matrix their sums are dot products
 * with: for output {@code [batch, C]}, class-index targets {@code t [batch]}, class weights
 * {@code w [C]} (all 1 without a weight) and label smoothing {@code s},
 * <pre>
 *   A_ic = (1 - s) w[t_i] [c == t_i] + (s / C) w_c
 * </pre>
 * so that the cross-entropy sum is {@code -sum_ic A_ic logp_ic} and the NLL sum (s = 0) is
 * {@code -sum_ic A_ic x_ic}: PyTorch's {@code weight} and {@code label_smoothing} exactly. The
 * indices are read to the host and checked; the matrix is made there and copied to the backend
 * (host arrays and tensor reused while the shape stays the same).
 */
final class ClassTargets {
    private final Backend backend;
    private final String loss;
    private final ReusableTensor matrix;
    private double[] indices = new double[0];
    private double[] coefficients = new double[0];
    private double normaliser;
    private Tensor lastMatrix;

    ClassTargets(Backend backend, String loss) {
        this.backend = backend;
        this.loss = loss;
        this.matrix = new ReusableTensor(backend);
    }

    /**
     * Reads the class indices of {@code target [batch]} for {@code output [batch, C]} and makes the
     * coefficient matrix ({@link #matrix()}) and the normaliser ({@link #normaliser()}: the sum of
     * {@code w[t_i]}, or the batch size without weights).
     *
     * @param weight    {@code C} class weights, or null for none; not modified
     * @param smoothing label smoothing in {@code [0, 1]}
     * @throws IllegalArgumentException for a target of another shape or an index that is not an
     *                                  integer in {@code [0, C)}
     */
    void read(Tensor output, Tensor target, double[] weight, double smoothing) {
        int rows = output.shape().rows();
        int classes = output.shape().cols();
        if (!target.shape().isVector() || target.shape().cols() != rows) {
            throw new IllegalArgumentException(loss + ": class-index target is " + target.shape() + "; expected ["
                    + rows + "], one class index per row of the output " + output.shape());
        }
        if (target.dtype() != output.dtype()) {
            throw new IllegalArgumentException(loss + ": target is " + target.dtype() + "; expected "
                    + output.dtype() + ", the output's dtype");
        }
        if (indices.length != rows) {
            indices = new double[rows];
        }
        if (coefficients.length != rows * classes) {
            coefficients = new double[rows * classes];
        }
        backend.copyOut(target, indices);
        double smoothed = smoothing / classes;
        double total = 0;
        for (int i = 0; i < rows; i++) {
            double t = indices[i];
            if (!(t >= 0 && t < classes && t == Math.rint(t))) { // not "t < 0 || ...": rejects NaN too
                throw new IllegalArgumentException(loss + ": target row " + i + " is class " + t
                        + "; expected an integer class index 0 <= k < " + classes + ", one per output column");
            }
            int k = (int) t;
            for (int c = 0; c < classes; c++) {
                coefficients[i * classes + c] = smoothed * (weight == null ? 1 : weight[c]);
            }
            double wk = weight == null ? 1 : weight[k];
            coefficients[i * classes + k] += (1 - smoothing) * wk;
            total += wk;
        }
        normaliser = total;
        lastMatrix = matrix.like(output);
        backend.copyIn(coefficients, lastMatrix);
    }

    /** The coefficient matrix {@code A} of the last {@link #read}, of the output's shape and dtype. */
    Tensor matrix() {
        return lastMatrix;
    }

    /** The normaliser of the last {@link #read}. */
    double normaliser() {
        return normaliser;
    }
}
