package org.backprop4j.bench;

import java.util.SplittableRandom;
import org.backprop4j.api.DType;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.scalar.RectifiedLinear;
import org.nd4j.linalg.api.ops.impl.transforms.gradient.ThresholdReluBp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The training step of {@link TrainingStep} written directly against ND4J, with no backprop4j
 * code in between: the baseline that measures {@code nn-core}'s overhead on the ND4J backend.
 * It is what a careful ND4J user would write: every buffer allocated once, in-place ops,
 * gradients written by {@code gemm} with {@code beta = 0} (so no zeroing pass), the input
 * gradient of the first layer not computed.
 *
 * <p>Per layer {@code l} with {@code h_0 = x}: {@code z_l = h_l W_l^T + b_l},
 * {@code h_{l+1} = max(z_l, 0)} (none after the last layer); loss {@code L = sum(d^2) / N} with
 * {@code d = z_last - target}; backward {@code g = 2 d / N}, {@code dW_l = g^T h_l},
 * {@code db_l = column sums of g}, {@code g = (g W_l) * [z_{l-1} > 0]}; update
 * {@code p -= lr dp}. The initial weights and data are drawn exactly as {@link TrainingStep}
 * draws them from the same seed, so both start from the same values.
 */
public final class RawNd4jStep {
    private final int layers;
    private final INDArray input;
    private final INDArray target;
    private final INDArray[] weights;
    private final INDArray[] biases;
    private final INDArray[] weightGrads;
    private final INDArray[] biasGrads;
    /** {@code preActivations[l] = z_l}, the output of linear layer {@code l}. */
    private final INDArray[] preActivations;
    /** {@code activations[l] = max(z_l, 0)}, the input of layer {@code l + 1}. */
    private final INDArray[] activations;
    /** dLoss/dActivations[l]. */
    private final INDArray[] activationGrads;
    /** dLoss/dPreActivations[l], for every layer but the last (whose is {@link #lossGrad}). */
    private final INDArray[] preActivationGrads;
    private final INDArray lossGrad;

    /** The {@code config} network in {@code dtype}, weights and data drawn from {@code seed} as {@link TrainingStep}. */
    public RawNd4jStep(DType dtype, StepConfig config, long seed) {
        DataType type = dtype == DType.FLOAT32 ? DataType.FLOAT : DataType.DOUBLE;
        SplittableRandom rng = new SplittableRandom(seed);
        int[] widths = config.widths();
        int batch = config.batch();
        layers = widths.length - 1;
        weights = new INDArray[layers];
        biases = new INDArray[layers];
        weightGrads = new INDArray[layers];
        biasGrads = new INDArray[layers];
        preActivations = new INDArray[layers];
        activations = new INDArray[layers];
        activationGrads = new INDArray[layers];
        preActivationGrads = new INDArray[layers];
        for (int l = 0; l < layers; l++) {
            int in = widths[l];
            int out = widths[l + 1];
            double bound = 1.0 / Math.sqrt(in); // nn.Linear's initialisation, as nn-core's Linear draws it
            weights[l] = array(type, uniform(rng, out * in, bound), out, in);
            biases[l] = array(type, uniform(rng, out, bound), out);
            weightGrads[l] = Nd4j.create(type, out, in);
            biasGrads[l] = Nd4j.create(type, out);
            preActivations[l] = Nd4j.create(type, batch, out);
            if (l + 1 < layers) {
                activations[l] = Nd4j.create(type, batch, out);
                activationGrads[l] = Nd4j.create(type, batch, out);
                preActivationGrads[l] = Nd4j.create(type, batch, out);
            }
        }
        input = array(type, TrainingStep.uniform(rng, batch * widths[0]), batch, widths[0]);
        target = array(type, TrainingStep.uniform(rng, batch * widths[layers]), batch, widths[layers]);
        lossGrad = Nd4j.create(type, batch, widths[layers]);
    }

    private static double[] uniform(SplittableRandom rng, int n, double bound) {
        double[] values = new double[n];
        for (int i = 0; i < n; i++) {
            values[i] = rng.nextDouble(-bound, bound);
        }
        return values;
    }

    private static INDArray array(DataType type, double[] values, long... shape) {
        return Nd4j.create(values, shape, DataType.DOUBLE).castTo(type);
    }

    /** Runs one step and returns the loss before the update. */
    public double run() {
        INDArray h = input;
        for (int l = 0; l < layers; l++) {
            Nd4j.gemm(h, weights[l], preActivations[l], false, true, 1.0, 0.0);
            preActivations[l].addiRowVector(biases[l]);
            if (l + 1 < layers) {
                Nd4j.exec(new RectifiedLinear(preActivations[l], activations[l], 0.0));
                h = activations[l];
            }
        }
        INDArray output = preActivations[layers - 1];
        double n = output.length();
        output.sub(target, lossGrad);
        double loss = Nd4j.getBlasWrapper().dot(lossGrad, lossGrad) / n;
        lossGrad.muli(2.0 / n);

        INDArray g = lossGrad;
        for (int l = layers - 1; l >= 0; l--) {
            INDArray layerInput = l == 0 ? input : activations[l - 1];
            Nd4j.gemm(g, layerInput, weightGrads[l], true, false, 1.0, 0.0);
            g.sum(biasGrads[l], 0);
            if (l > 0) {
                Nd4j.gemm(g, weights[l], activationGrads[l - 1], false, false, 1.0, 0.0);
                Nd4j.exec(new ThresholdReluBp(preActivations[l - 1], activationGrads[l - 1],
                        preActivationGrads[l - 1], 0.0));
                g = preActivationGrads[l - 1];
            }
        }

        for (int l = 0; l < layers; l++) {
            Nd4j.getBlasWrapper().level1().axpy(weights[l].length(), -TrainingStep.LEARNING_RATE, weightGrads[l], weights[l]);
            Nd4j.getBlasWrapper().level1().axpy(biases[l].length(), -TrainingStep.LEARNING_RATE, biasGrads[l], biases[l]);
        }
        return loss;
    }

    /** The weight of linear layer {@code layer} (row-major {@code [out, in]}), widened to double. */
    public double[] weight(int layer) {
        return weights[layer].ravel().toDoubleVector();
    }

    /** The bias of linear layer {@code layer}, widened to double. */
    public double[] bias(int layer) {
        return biases[layer].toDoubleVector();
    }
}
