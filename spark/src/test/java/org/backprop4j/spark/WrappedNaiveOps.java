package org.backprop4j.spark;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.spi.AbstractTensor;
import org.backprop4j.api.spi.TensorOps;
import org.backprop4j.backend.naive.NaiveBackendProvider;

/**
 * The naive backend's ops behind a proxy, so that a test backend computes exactly what naive
 * computes (the same bits) while it decides, before every op, whether to fail. Tensors are
 * wrapped, since a backend's tensors must be owned by its own ops table.
 */
final class WrappedNaiveOps {
    /** Runs before every op; throws to make the op fail. */
    interface BeforeOp {
        void check(String op);
    }

    private WrappedNaiveOps() {
    }

    static TensorOps create(BeforeOp before) {
        TensorOps naive = new NaiveBackendProvider().create();
        TensorOps[] self = new TensorOps[1];
        InvocationHandler handler = (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return objectMethod(proxy, method, args);
            }
            before.check(method.getName());
            Object[] unwrapped = args == null ? null : args.clone();
            if (unwrapped != null) {
                for (int i = 0; i < unwrapped.length; i++) {
                    if (unwrapped[i] instanceof Wrapped w) {
                        unwrapped[i] = w.inner;
                    }
                }
            }
            Object result;
            try {
                result = method.invoke(naive, unwrapped);
            } catch (InvocationTargetException e) {
                throw e.getCause();
            }
            return result instanceof Tensor t ? new Wrapped(self[0], t) : result;
        };
        self[0] = (TensorOps) Proxy.newProxyInstance(WrappedNaiveOps.class.getClassLoader(),
                new Class<?>[] {TensorOps.class}, handler);
        return self[0];
    }

    private static Object objectMethod(Object proxy, Method method, Object[] args) {
        return switch (method.getName()) {
            case "equals" -> proxy == args[0];
            case "hashCode" -> System.identityHashCode(proxy);
            default -> "WrappedNaiveOps";
        };
    }

    /** A naive tensor owned by the proxy. */
    private static final class Wrapped extends AbstractTensor {
        private final Tensor inner;

        Wrapped(TensorOps owner, Tensor inner) {
            super(owner, inner.dtype(), inner.shape());
            this.inner = inner;
        }
    }
}
