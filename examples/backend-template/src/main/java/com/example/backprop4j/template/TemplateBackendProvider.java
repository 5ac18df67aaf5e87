package com.example.backprop4j.template;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;

/**
 * The {@code template} backend's entry point, listed in
 * {@code META-INF/services/org.backprop4j.api.spi.BackendProvider} so that {@link java.util.ServiceLoader}
 * finds it on the class path or on {@code ./backprop4j}'s plug-in path.
 *
 * <p>A provider is a light object: the constructor, {@link #name()}, {@link #version()},
 * {@link #priority()} and {@link #dtypes()} touch nothing else; whatever might fail (a native
 * library, a CPU feature) is tried in {@link #probe(BackendSettings)}, which never throws.
 */
public final class TemplateBackendProvider implements BackendProvider {
    /** The name it is selected by: {@code --backend template}. */
    public static final String NAME = "template";
    /**
     * Below every built-in backend (naive is 10): it is never chosen unless named. A faster
     * backend would pick a priority above the ones it beats (ejml is 100, nd4j 200).
     */
    public static final int PRIORITY = 1;

    @Override
    public String name() {
        return NAME;
    }

    /** The library doing the work; with no library, the backend's own version and the Java it needs. */
    @Override
    public String version() {
        return "template 1.0 (pure Java " + Runtime.version().feature() + ")";
    }

    @Override
    public int priority() {
        return PRIORITY;
    }

    @Override
    public Set<DType> dtypes() {
        return EnumSet.allOf(DType.class);
    }

    /**
     * Multiplies {@code [[1, 2], [3, 4]]} by {@code [[5, 6], [7, 8]]} through the backend's own
     * gemm in both dtypes; unavailable if the product is wrong or anything throws. Every op runs
     * on the calling thread, so the thread count of {@code settings} does not apply, and the
     * detail says so.
     */
    @Override
    public ProbeResult probe(BackendSettings settings) {
        try {
            TensorOps ops = create(settings);
            double[] expected = {19, 22, 43, 50};
            for (DType dtype : DType.values()) {
                Tensor a = ops.zeros(dtype, Shape.matrix(2, 2));
                Tensor b = ops.zeros(dtype, Shape.matrix(2, 2));
                Tensor c = ops.zeros(dtype, Shape.matrix(2, 2));
                ops.copyIn(new double[] {1, 2, 3, 4}, a);
                ops.copyIn(new double[] {5, 6, 7, 8}, b);
                ops.gemm(1.0, a, false, b, false, 0.0, c);
                double[] product = new double[4];
                ops.copyOut(c, product);
                if (!Arrays.equals(product, expected)) {
                    return ProbeResult.unavailable("the " + dtype + " 2x2 product gave " + Arrays.toString(product)
                            + "; expected " + Arrays.toString(expected));
                }
            }
            return ProbeResult.available("pure Java; 1 thread (the caller's; the thread setting does not apply)");
        } catch (RuntimeException | LinkageError e) {
            return ProbeResult.unavailable("self-test failed: " + e);
        }
    }

    /** The ops; stateless, so one instance serves every thread. {@code settings} does not apply. */
    @Override
    public TensorOps create(BackendSettings settings) {
        return new TemplateOps();
    }
}
