package org.backprop4j.conformance;

import java.util.ArrayList;
import java.util.List;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/**
 * What a check of the op contract ({@link OpCheck}) works with: the backend under test, the
 * naive reference, the check's dtype, and the list of {@link QuantityResult}s its comparisons
 * make. Every tensor read back from the backend is also checked to hold float32 values when it is
 * float32 (a failure only is recorded for that).
 */
final class OpCheckContext {
    private final Backend backend;
    private final Backend reference;
    private final DType dtype;
    private final List<QuantityResult> quantities = new ArrayList<>();

    OpCheckContext(Backend backend, Backend reference, DType dtype) {
        this.backend = backend;
        this.reference = reference;
        this.dtype = dtype;
    }

    /** The backend under test. */
    Backend backend() {
        return backend;
    }

    /** The naive reference backend. */
    Backend reference() {
        return reference;
    }

    /** The check's dtype. */
    DType dtype() {
        return dtype;
    }

    /** The recorded comparisons, in order. */
    List<QuantityResult> quantities() {
        return List.copyOf(quantities);
    }

    void record(QuantityResult result) {
        quantities.add(result);
    }

    // ---- tensors ---------------------------------------------------------------------------

    /** A tensor of the backend under test holding {@code data}, rounded to the dtype. */
    Tensor tensor(Shape shape, double... data) {
        return backend.fromArray(dtype, shape, data);
    }

    /** A tensor of the backend under test, every element {@code +0.0}. */
    Tensor zeros(Shape shape) {
        return backend.zeros(dtype, shape);
    }

    /** A tensor of the reference backend holding {@code data}, rounded to the dtype. */
    Tensor referenceTensor(Shape shape, double... data) {
        return reference.fromArray(dtype, shape, data);
    }

    /** The elements of a tensor of the backend under test; records a failure named {@code quantity} if a float32 one holds a value that is not a float. */
    double[] read(String quantity, Tensor t) {
        double[] values = backend.toDoubleArray(t);
        QuantityResult representable = OpAssertions.representable(quantity, t.shape(), t.dtype(), values);
        if (!representable.passed()) {
            quantities.add(representable);
        }
        return values;
    }

    /** The elements of a tensor of the reference backend. */
    double[] readReference(Tensor t) {
        return reference.toDoubleArray(t);
    }

    // ---- comparisons -----------------------------------------------------------------------

    /** {@code t} holds exactly {@code expected} ({@link OpAssertions#exact}). */
    void exact(String quantity, Tensor t, double... expected) {
        quantities.add(OpAssertions.exact(quantity, t.shape(), expected, read(quantity, t)));
    }

    /** {@code actual} (of {@code shape}) is exactly {@code expected}. */
    void exact(String quantity, Shape shape, double[] expected, double[] actual) {
        quantities.add(OpAssertions.exact(quantity, shape, expected, actual));
    }

    /** {@code t} holds {@code expected} within {@code ulps} units of roundoff ({@link OpAssertions#close}). */
    void close(String quantity, Tensor t, double ulps, double[] expected, double[] scale) {
        quantities.add(OpAssertions.close(quantity, t.shape(), dtype, ulps, expected, read(quantity, t), scale));
    }

    /** {@code actual} (of {@code shape}) is {@code expected} within {@code ulps} units of roundoff. */
    void close(String quantity, Shape shape, double ulps, double[] expected, double[] actual, double[] scale) {
        quantities.add(OpAssertions.close(quantity, shape, dtype, ulps, expected, actual, scale));
    }

    /** A statement that holds, or a failure saying {@code problem}. */
    void holds(String quantity, boolean holds, String problem) {
        quantities.add(OpAssertions.holds(quantity, holds, problem));
    }

    /**
     * {@code call} is refused by the facade with an {@code IllegalArgumentException} whose message
     * contains each of {@code fragments}.
     */
    void rejects(String quantity, Runnable call, String... fragments) {
        try {
            call.run();
        } catch (IllegalArgumentException e) {
            String message = String.valueOf(e.getMessage());
            for (String fragment : fragments) {
                if (!message.contains(fragment)) {
                    holds(quantity, false, "rejected with \"" + message + "\", which does not mention \"" + fragment + "\"");
                    return;
                }
            }
            holds(quantity, true, null);
            return;
        }
        holds(quantity, false, "accepted; expected an IllegalArgumentException mentioning " + String.join(", ", fragments));
    }
}
