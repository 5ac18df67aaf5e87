package org.backprop4j.conformance;

import java.util.List;
import java.util.Objects;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;

/**
 * One check of the op contract: a few calls of one op (or of the facade around it) in one
 * dtype, and what their results must be. {@link OpContract#run} runs every check as a plain
 * call; {@link BackendOpsContract} runs the same list as JUnit dynamic tests.
 *
 * @param name  what the check does, naming the op, dtype, shapes and flags, e.g.
 *              {@code gemm float32 op(a) [2, 3] op(b) [3, 2] transposeA=true transposeB=false alpha=2.0 beta=0.5};
 *              unique in the list
 * @param op    the op the check is about, e.g. {@code gemm}: the quantity an exception is reported as
 * @param dtype the dtype it runs in; skipped on a backend that does not declare it
 * @param body  the calls and comparisons
 */
record OpCheck(String name, String op, DType dtype, Body body) {

    /** The calls of a check; each comparison is recorded in the context it is given. */
    @FunctionalInterface
    interface Body {
        void run(OpCheckContext c);
    }

    /**
     * A check's result, and the exception it threw (null if none), which JUnit shows as the
     * cause of the failure.
     */
    record Outcome(CaseResult result, RuntimeException thrown) {
    }

    OpCheck {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dtype, "dtype");
        Objects.requireNonNull(body, "body");
    }

    /**
     * Runs the check on {@code backend}, with {@code reference} for the values it is compared
     * against. A backend that does not declare {@link #dtype} is a skipped result; an exception is a
     * failed quantity named {@link #op}, after whatever was compared before it.
     */
    Outcome run(Backend backend, Backend reference) {
        if (!backend.dtypes().contains(dtype)) {
            return new Outcome(new CaseResult(name, OpContract.ORIGIN, dtype, backend.name(), List.of(),
                    "backend '" + backend.name() + "' does not support " + dtype), null);
        }
        OpCheckContext context = new OpCheckContext(backend, reference, dtype);
        RuntimeException thrown = null;
        try {
            body.run(context);
        } catch (RuntimeException e) {
            thrown = e;
            context.record(QuantityResult.problem(op, "threw " + e));
        }
        List<QuantityResult> quantities = context.quantities();
        if (quantities.isEmpty()) { // a check that compares nothing would pass whatever the backend does
            quantities = List.of(QuantityResult.problem(op, "the check compared nothing"));
        }
        return new Outcome(new CaseResult(name, OpContract.ORIGIN, dtype, backend.name(), quantities, null), thrown);
    }

    /** {@code op dtype detail detail ...}, the form of every check's name. */
    static String name(String op, DType dtype, Object... details) {
        StringBuilder sb = new StringBuilder(op).append(' ').append(dtype);
        for (Object d : details) {
            sb.append(' ').append(d);
        }
        return sb.toString();
    }
}
