package org.backprop4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.backprop4j.api.Backend;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.BackendProvider;
import org.backprop4j.api.spi.BackendSettings;
import org.backprop4j.api.spi.ProbeResult;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.backend.naive.NaiveBackendProvider;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The FLOPs the report divides by are the FLOPs a step performs: every matrix product of one
 * {@link TrainingStep} is counted on the way to the naive backend and compared with
 * {@link StepConfig#matmulFlops()}. A step that computed the first layer's input gradient (a
 * product nobody reads) would do more work than it is credited with, and fail here.
 */
class StepFlopsTest {

    @ParameterizedTest
    @EnumSource(StepConfig.class)
    void aStepMultipliesExactlyTheFlopsItIsCreditedWith(StepConfig config) {
        AtomicLong flops = new AtomicLong();
        TrainingStep step = new TrainingStep(Backend.wrap(counting(new NaiveBackendProvider(), flops)),
                DType.FLOAT64, config, 42);
        step.run(); // the first step may allocate its buffers; count the second
        flops.set(0);
        step.run();
        assertThat(flops.get()).isEqualTo(config.matmulFlops());
    }

    /** A tensor of the counted backend, owned (for the facade) by the counting proxy. */
    private record Wrapped(Tensor inner, TensorOps owner) implements Tensor {
        @Override
        public Shape shape() {
            return inner.shape();
        }

        @Override
        public DType dtype() {
            return inner.dtype();
        }
    }

    /**
     * {@code provider}, whose ops add {@code 2 m n k} to {@code flops} for every gemm. Composites
     * the backend does not override run on the proxy, so the products inside them are counted.
     */
    private static BackendProvider counting(BackendProvider provider, AtomicLong flops) {
        TensorOps ops = provider.create();
        TensorOps[] proxy = new TensorOps[1];
        proxy[0] = (TensorOps) Proxy.newProxyInstance(TensorOps.class.getClassLoader(),
                new Class<?>[] {TensorOps.class}, (self, method, args) -> {
                    if (method.getName().equals("gemm")) {
                        Tensor a = (Tensor) args[1];
                        Tensor c = (Tensor) args[6];
                        int k = (Boolean) args[2] ? a.shape().rows() : a.shape().cols();
                        flops.addAndGet(2L * c.shape().rows() * c.shape().cols() * k);
                    }
                    if (method.isDefault() && ops.getClass().getMethod(method.getName(),
                            method.getParameterTypes()).isDefault()) {
                        return InvocationHandler.invokeDefault(self, method, args);
                    }
                    Object[] unwrapped = args == null ? null : args.clone();
                    for (int i = 0; unwrapped != null && i < unwrapped.length; i++) {
                        if (unwrapped[i] instanceof Wrapped w) {
                            unwrapped[i] = w.inner();
                        }
                    }
                    try {
                        Object result = method.invoke(ops, unwrapped);
                        return result instanceof Tensor t ? new Wrapped(t, proxy[0]) : result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        return new BackendProvider() {
            @Override public String name() { return "counting-" + provider.name(); }
            @Override public String version() { return provider.version(); }
            @Override public int priority() { return 0; }
            @Override public Set<DType> dtypes() { return provider.dtypes(); }
            @Override public ProbeResult probe(BackendSettings settings) { return provider.probe(settings); }
            @Override public TensorOps create(BackendSettings settings) { return proxy[0]; }
        };
    }
}
