package org.backprop4j.conformance;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import org.backprop4j.nn.loss.Reduction;

/**
 * The jqwik arbitrary of {@link RandomNetworks.Architecture}s that the kit's random properties
 * draw from: depth 1 to {@value RandomNetworks#MAX_DEPTH}, widths and batch 1 to
 * {@value RandomNetworks#MAX_SIZE}, each bias present or not, each activation (or dropout) any or
 * none, any head, any loss, either reduction. jqwik shrinks a failing architecture towards fewer
 * and narrower layers.
 */
public final class Architectures {
    private Architectures() {
    }

    /** The arbitrary of architectures. */
    public static Arbitrary<RandomNetworks.Architecture> arbitrary() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, RandomNetworks.MAX_SIZE);
        return Arbitraries.integers().between(1, RandomNetworks.MAX_DEPTH).flatMap(depth -> Combinators.combine(
                sizes.list().ofSize(depth + 1),
                Arbitraries.of(true, false).list().ofSize(depth),
                Arbitraries.of(RandomNetworks.activationChoices()).list().ofSize(depth),
                Arbitraries.of(RandomNetworks.headChoices()),
                Arbitraries.of(RandomNetworks.lossChoices()),
                Arbitraries.of(Reduction.class),
                sizes,
                Arbitraries.longs()
        ).as(RandomNetworks::of));
    }
}
