package org.backprop4j.nn.loss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.LossSpec;
import org.backprop4j.nn.TestBackends;
import org.junit.jupiter.api.Test;

/**
 * The losses' contract beyond the PyTorch cases (which pin their values and gradients in the
 * conformance kit): sums and normalisers that add up over shards, the normaliser of each kind,
 * stability for huge logits, and errors a user can hit.
 */
class LossesTest {
    private final Backend b = TestBackends.naive();
    private final DType f64 = DType.FLOAT64;

    /** Logits [4, 3] and class indices; cross-entropy with weights (0.5, 2, 1.5) and smoothing 0.2, as below. */
    private final double[] logits = {1.0, -2.0, 0.5, 0.0, 3.0, -1.0, 2.0, 2.0, 2.0, -1.0, 0.25, 4.0};
    private final double[] classes = {2, 1, 0, 2};
    private final double[] weight = {0.5, 2.0, 1.5};

    private Tensor matrix(int rows, int cols, double... v) {
        return b.fromArray(f64, Shape.matrix(rows, cols), v);
    }

    private Tensor vector(double... v) {
        return b.fromArray(f64, Shape.vector(v.length), v);
    }

    @Test
    void weightedSmoothedCrossEntropyIsPyTorchsAndDividesByTheTargetsWeights() {
        Loss loss = new LossSpec.CrossEntropy(Reduction.MEAN, 0.2, weight).create(b);
        // torch.nn.CrossEntropyLoss(weight=[0.5, 2, 1.5], label_smoothing=0.2) in float64
        assertThat(loss.forward(matrix(4, 3, logits), vector(classes))).isCloseTo(0.7010637383727256, within(1e-15));
        assertThat(loss.normaliser()).as("w[2] + w[1] + w[0] + w[2]").isEqualTo(5.5);
        double[] expected = {0.15493909957902752, -0.016226720890537834, -0.13871237868848965, 0.009759435541615381,
            0.00260251457626861, -0.012361950117883989, -0.038383838383838395, 0.01616161616161616,
            0.022222222222222223, -0.004316586708047619, -0.01815519857754472, 0.022471785285592367};
        double[] g = b.toDoubleArray(loss.backward());
        for (int i = 0; i < g.length; i++) {
            assertThat(g[i]).as("gradient " + i).isCloseTo(expected[i], within(1e-16));
        }
    }

    @Test
    void shardsAddUpToTheWholeBatch() {
        for (LossSpec spec : List.of(new LossSpec.CrossEntropy(Reduction.MEAN, 0.2, weight),
                new LossSpec.Nll(Reduction.MEAN, weight), new LossSpec.Mse(Reduction.MEAN),
                new LossSpec.BceWithLogits(Reduction.MEAN, weight), new LossSpec.Huber(Reduction.SUM, 0.5))) {
            boolean indices = spec.takesClassIndices();
            Tensor whole = matrix(4, 3, logits);
            double[] t = indices ? classes : new double[] {0, 1, 0.5, 1, 0, 0, 0.25, 0.75, 1, 0, 0, 1};
            Loss loss = spec.create(b);
            double all = loss.forward(whole, indices ? vector(t) : matrix(4, 3, t));
            double[] allGradient = b.toDoubleArray(loss.backward());

            double sum = 0;
            double normaliser = 0;
            double[] gradient = new double[12];
            for (int shard = 0; shard < 2; shard++) {
                double[] rows = java.util.Arrays.copyOfRange(logits, 6 * shard, 6 * shard + 6);
                Tensor target = indices ? vector(java.util.Arrays.copyOfRange(t, 2 * shard, 2 * shard + 2))
                        : matrix(2, 3, java.util.Arrays.copyOfRange(t, 6 * shard, 6 * shard + 6));
                sum += loss.forwardSum(matrix(2, 3, rows), target);
                normaliser += loss.normaliser();
                System.arraycopy(b.toDoubleArray(loss.backward()), 0, gradient, 6 * shard, 6);
            }
            boolean mean = spec.reduction() == Reduction.MEAN;
            assertThat(mean ? sum / normaliser : sum).as(spec + " loss").isCloseTo(all, within(1e-14));
            for (int i = 0; i < 12; i++) {
                assertThat(mean ? gradient[i] / normaliser : gradient[i]).as(spec + " gradient " + i)
                        .isCloseTo(allGradient[i], within(1e-15));
            }
        }
    }

    @Test
    void theNormaliserIsTheElementCountTheBatchOrTheWeightSum() {
        Tensor x = matrix(4, 3, logits);
        Tensor p = matrix(4, 3, 0.2, 0.3, 0.5, 1, 0, 0, 0, 1, 0, 0.25, 0.25, 0.5);
        Loss mse = new MseLoss(b, Reduction.MEAN);
        mse.forward(x, p);
        assertThat(mse.normaliser()).isEqualTo(12);
        Loss ce = new LossSpec.CrossEntropy(Reduction.MEAN).create(b);
        ce.forward(x, vector(classes));
        assertThat(ce.normaliser()).isEqualTo(4);
        ce.forward(x, p);
        assertThat(ce.normaliser()).as("class probabilities").isEqualTo(4);
        double s = ce.forwardSum(x, p);
        assertThat(ce.sum()).isEqualTo(s);
        assertThat(ce.forward(x, p)).isCloseTo(s / 4, within(1e-15));
    }

    @Test
    void logitsOfTenThousandGiveFiniteExactLossesAndGradients() {
        for (DType dtype : DType.values()) {
            Tensor x = b.fromArray(dtype, Shape.matrix(2, 3), 1e4, -1e4, 0, -1e4, -1e4, 1e4);
            Tensor t = b.fromArray(dtype, Shape.vector(2), 1, 2);
            Loss ce = new LossSpec.CrossEntropy(Reduction.SUM).create(b);
            assertThat(ce.forward(x, t)).as(dtype.id()).isEqualTo(2e4); // 2e4 + 0
            assertThat(b.toDoubleArray(ce.backward())).containsExactly(1, -1, 0, 0, 0, 0);
            Loss bce = new LossSpec.BceWithLogits(Reduction.SUM, null).create(b);
            Tensor y = b.fromArray(dtype, Shape.matrix(2, 3), 1, 1, 1, 0, 0, 0);
            assertThat(bce.forward(x, y)).as(dtype.id()).isEqualTo(1e4 + Math.log(2) + 1e4, within(1e-3));
            assertThat(b.toDoubleArray(bce.backward())).containsExactly(0, -1, -0.5, 0, 0, 1);
        }
    }

    @Test
    void l1HasAZeroGradientWhereTheDifferenceIsExactlyZero() {
        Loss l1 = new L1Loss(b, Reduction.SUM);
        assertThat(l1.forward(matrix(1, 3, 1, 2, -3), matrix(1, 3, 1, 0, 0))).isEqualTo(5);
        assertThat(b.toDoubleArray(l1.backward())).containsExactly(0, 1, -1);
    }

    @Test
    void classIndicesMustBeIntegersOfTheOutputsClasses() {
        Loss ce = new LossSpec.CrossEntropy(Reduction.MEAN).create(b);
        Tensor x = matrix(2, 3, 1, 2, 3, 4, 5, 6);
        assertThatThrownBy(() -> ce.forward(x, vector(0, 3))).hasMessage("CrossEntropyLoss: target row 1 is class 3.0; "
                + "expected an integer class index 0 <= k < 3, one per output column");
        assertThatThrownBy(() -> ce.forward(x, vector(0.5, 1))).hasMessageContaining("target row 0 is class 0.5");
        assertThatThrownBy(() -> ce.forward(x, vector(Double.NaN, 1))).hasMessageContaining("target row 0 is class NaN");
        assertThatThrownBy(() -> ce.forward(x, vector(0, 1, 2))).hasMessage("CrossEntropyLoss: class-index target is [3]; "
                + "expected [2], one class index per row of the output [2, 3]");
        assertThatThrownBy(() -> new LossSpec.Nll(Reduction.SUM, null).create(b).forward(x, matrix(2, 3, 0, 0, 1, 0, 1, 0)))
                .hasMessage("NllLoss: class-index target is [2, 3]; expected [2], one class index per row of the output [2, 3]");
    }

    @Test
    void weightsMustFitTheOutputAndClassIndices() {
        Tensor x = matrix(2, 3, 1, 2, 3, 4, 5, 6);
        Loss twoWeights = new LossSpec.CrossEntropy(Reduction.MEAN, 0, new double[] {1, 2}).create(b);
        assertThatThrownBy(() -> twoWeights.forward(x, vector(0, 1)))
                .hasMessage("CrossEntropyLoss: weight has 2 elements; expected 3, one per class (output column)");
        Loss weighted = new LossSpec.CrossEntropy(Reduction.MEAN, 0, weight).create(b);
        assertThatThrownBy(() -> weighted.forward(x, matrix(2, 3, 1, 0, 0, 0, 1, 0))).hasMessage("CrossEntropyLoss: "
                + "class-probability target [2, 3] with a class weight; expected class indices [2] to weight classes, or no weight");
        assertThatThrownBy(() -> new LossSpec.CrossEntropy(Reduction.MEAN, 1.5, null))
                .hasMessage("cross_entropy label_smoothing (1.5) must be in [0, 1]");
        assertThatThrownBy(() -> new LossSpec.Nll(Reduction.MEAN, new double[] {1, Double.NaN}))
                .hasMessage("nll weight[1] (NaN) must be finite");
        assertThatThrownBy(() -> new LossSpec.Huber(Reduction.MEAN, 0)).hasMessage("huber delta (0.0) must be a finite number > 0");
    }

    @Test
    void aMeanOverClassesWhoseWeightsSumToZeroIsNaNAsInPyTorch() {
        Loss ce = new LossSpec.CrossEntropy(Reduction.MEAN, 0, new double[] {0, 1, 1}).create(b);
        assertThat(ce.forward(matrix(2, 3, 1, 2, 3, 4, 5, 6), vector(0, 0))).isNaN();
    }

    @Test
    void backwardBeforeForwardIsAnError() {
        assertThatThrownBy(() -> new LossSpec.CrossEntropy(Reduction.MEAN).create(b).backward())
                .hasMessage("CrossEntropyLoss: backward called before forward");
        assertThatThrownBy(() -> new MseLoss(b, Reduction.MEAN).forward(vector(1, 2), vector(1, 2)))
                .hasMessage("MseLoss: output is [2]; expected [batch, out]");
    }

    @Test
    void aLossDescribesItselfAsItsSpec() {
        assertThat(new LossSpec.CrossEntropy(Reduction.MEAN, 0.1, new double[] {1, 2}).create(b))
                .hasToString("cross_entropy(mean, label_smoothing 0.1, weight [1.0, 2.0])");
        assertThat(new LossSpec.CrossEntropy(Reduction.SUM, 0.1, new double[] {1, 2}))
                .isEqualTo(new LossSpec.CrossEntropy(Reduction.SUM, 0.1, new double[] {1, 2}))
                .isNotEqualTo(new LossSpec.CrossEntropy(Reduction.SUM, 0.1, new double[] {1, 3}));
    }
}
