package org.backprop4j.conformance;

import java.util.Optional;
import net.jqwik.api.lifecycle.LifecycleContext;
import net.jqwik.api.lifecycle.SkipExecutionHook;
import org.backprop4j.api.spi.BackendProvider;

/**
 * Skips a {@link ConformanceKit} property marked {@link RequiresDType} when the kit's backend
 * does not declare that dtype, or could not be made and an earlier test of the run has already
 * failed saying why ({@link ProviderContract}). jqwik would otherwise count every try as rejected
 * and fail the property as exhausted; a skip says what is really the case.
 */
public final class SkipUnsupportedDType implements SkipExecutionHook {
    @Override
    public SkipResult shouldBeSkipped(LifecycleContext context) {
        Optional<RequiresDType> required = context.findAnnotation(RequiresDType.class);
        Optional<Class<?>> container = context.optionalContainerClass();
        if (required.isEmpty() || container.isEmpty() || !ConformanceKit.class.isAssignableFrom(container.get())) {
            return SkipResult.doNotSkip();
        }
        BackendProvider provider = ((ConformanceKit) context.newInstance(container.get())).provider();
        if (ProviderContract.alreadyReported(provider)) { // every try would be aborted: jqwik would call it exhausted
            return SkipResult.skip("backend '" + provider.name() + "' could not be made; an earlier test reported why");
        }
        return provider.dtypes().contains(required.get().value()) ? SkipResult.doNotSkip()
                : SkipResult.skip("backend '" + provider.name() + "' does not support " + required.get().value());
    }
}
