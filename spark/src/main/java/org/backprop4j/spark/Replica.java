package org.backprop4j.spark;

import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.nn.Parameter;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.loss.Loss;

/**
 * An executor's copy of the driver's model and loss, on the driver's backend resolved here
 * ({@link ExecutorBackends}). A {@link Sequential} serves one thread at a time, so each task
 * thread keeps its own replica of the model it last worked on and rebuilds it only when the
 * description changes; every task loads the step's weights first, so nothing carries over from
 * one task to the next but buffers.
 */
final class Replica {
    private static final ThreadLocal<Replica> LAST = new ThreadLocal<>();

    private final ModelDescription description;
    private final Backend backend;
    private final Sequential model;
    private final Loss loss;

    private Replica(ModelDescription description) {
        this.description = description;
        this.backend = ExecutorBackends.resolve(description.backend(), description.threads());
        this.model = Sequential.build(backend, description.dtype(), description.layers(), 0L);
        this.loss = description.loss().create(backend);
    }

    /**
     * This thread's replica of {@code description}.
     *
     * @throws ExecutorBackendException when the backend cannot run on this executor
     */
    static Replica of(ModelDescription description) {
        Replica last = LAST.get();
        if (last == null || !last.description.equals(description)) {
            last = new Replica(description);
            LAST.set(last);
        }
        return last;
    }

    /**
     * The shard's loss sum and normaliser over the block's rows {@code local} (indices into the
     * block, in the batch's order) with the parameters set to {@code weights}, and for
     * {@code gradients} the gradient of the sum: forward, {@code Loss.forwardSum}, and
     * {@code Sequential.backwardParameters} from zeroed gradients.
     *
     * @param block    the partition's rows; not modified
     * @param local    at least one row index into the block; not modified
     * @param weights  every parameter's values in {@link Sequential#parameters()} order; not modified
     * @param training the model's mode, as the driver's
     */
    ShardResult compute(RowBlock block, int[] local, double[][] weights, boolean gradients, boolean training) {
        List<Parameter> parameters = model.parameters();
        if (weights.length != parameters.size()) {
            throw new IllegalStateException("the step sent " + weights.length + " parameters; the replica has "
                    + parameters.size());
        }
        for (int i = 0; i < weights.length; i++) {
            backend.copyIn(weights[i], parameters.get(i).value());
        }
        if (training) {
            model.train();
        } else {
            model.eval();
        }
        int n = local.length;
        int in = block.inputWidth();
        int tw = block.targetWidth();
        double[] x = new double[n * in];
        double[] y = new double[n * tw];
        for (int i = 0; i < n; i++) {
            System.arraycopy(block.inputs(), local[i] * in, x, i * in, in);
            System.arraycopy(block.targets(), local[i] * tw, y, i * tw, tw);
        }
        boolean indices = loss.spec().takesClassIndices() && tw == 1;
        Tensor xt = backend.fromArray(description.dtype(), Shape.matrix(n, in), x);
        Tensor yt = backend.fromArray(description.dtype(), indices ? Shape.vector(n) : Shape.matrix(n, tw), y);
        double sum = loss.forwardSum(model.forward(xt), yt);
        double normaliser = loss.normaliser();
        if (!gradients) {
            return new ShardResult(block.partition(), n, sum, normaliser, null);
        }
        model.zeroGrad();
        model.backwardParameters(loss.backward());
        double[][] g = new double[parameters.size()][];
        for (int i = 0; i < g.length; i++) {
            g[i] = backend.toDoubleArray(parameters.get(i).grad());
        }
        return new ShardResult(block.partition(), n, sum, normaliser, g);
    }
}
