package org.backprop4j.bench.soak;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.backprop4j.api.Activation;
import org.backprop4j.api.Backend;
import org.backprop4j.api.Backends;
import org.backprop4j.api.DType;
import org.backprop4j.nn.LayerSpec;
import org.backprop4j.nn.Sequential;
import org.backprop4j.nn.optim.Adam;
import org.backprop4j.nn.train.BatchProgress;
import org.backprop4j.nn.train.Dataset;
import org.backprop4j.nn.train.EpochResult;
import org.backprop4j.nn.train.Trainer;
import org.backprop4j.nn.train.TrainingConfig;
import org.backprop4j.nn.train.TrainingListener;

/**
 * A soak run: trains a digits-sized network (64 -> 128 -> 10, ReLU, float32, Adam, batches of
 * 64 rows drawn from 640 synthetic rows) for {@code --steps} steps (20,000 by default) with the
 * same {@link Trainer} {@code train} uses, on each backend in turn, in one JVM, and samples the
 * memory every {@code --every} steps ({@link MemorySample}). Memory must be flat once warm: from
 * the sample at {@value #WARM_STEPS} steps to the last, the heap after a full collection may grow
 * by at most {@value #HEAP_BOUND_MB} MB, JavaCPP's counted off-heap allocations
 * ({@code Pointer.totalBytes()}) by at most {@value #OFF_HEAP_BOUND_MB} MB, and the resident set
 * (and JavaCPP's {@code Pointer.physicalBytes()}) by at most {@value #RSS_BOUND_MB} MB. The heap
 * bound leaves room for the run's own record of its epochs (a few hundred bytes each); the RSS
 * bound for the JIT's code and the C allocator's arenas, which settle slowly. ND4J's CPU buffers
 * are allocated by libnd4j, outside JavaCPP's count, so for nd4j it is the resident set that
 * shows whether native memory leaks.
 *
 * <p>Run it with the CLI's class path, e.g. after {@code mvn -B -q package -DskipTests}:
 * <pre>java -cp "cli/target/backprop4j-cli.jar:cli/target/lib/*" org.backprop4j.bench.soak.Soak</pre>
 * Options: {@code --steps N}, {@code --every N}, {@code --backends naive,ejml,nd4j}. Prints a
 * table per backend and a verdict; exits 1 when a backend's memory grew beyond a bound.
 */
public final class Soak {
    static final int WARM_STEPS = 2000;
    static final long HEAP_BOUND_MB = 4;
    static final long OFF_HEAP_BOUND_MB = 1;
    static final long RSS_BOUND_MB = 32;
    private static final long MB = 1L << 20;
    private static final int ROWS = 640;
    private static final int BATCH = 64;

    private Soak() {
    }

    public static void main(String[] args) {
        int steps = 20_000;
        int every = 1_000;
        List<String> backends = List.of("naive", "ejml", "nd4j");
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--steps" -> steps = Integer.parseInt(args[i + 1]);
                case "--every" -> every = Integer.parseInt(args[i + 1]);
                case "--backends" -> backends = List.of(args[i + 1].split(","));
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + "; expected --steps N, --every N, --backends a,b");
            }
        }
        boolean flat = true;
        for (String name : backends) {
            Backend backend = Backends.discover().select(name);
            List<MemorySample> samples = run(backend, steps, every);
            print(name, samples, System.out);
            String verdict = verdict(samples);
            System.out.println(name + ": " + verdict);
            flat &= verdict.startsWith("flat");
        }
        System.exit(flat ? 0 : 1);
    }

    /** Trains for {@code steps} steps on {@code backend}, sampling memory before and every {@code every} steps. */
    public static List<MemorySample> run(Backend backend, int steps, int every) {
        boolean offHeap = backend.name().equals("nd4j");
        SplittableRandom rng = new SplittableRandom(2026);
        double[] x = rng.doubles(ROWS * 64L, 0, 16).toArray();
        double[] y = new double[ROWS * 10];
        for (int i = 0; i < ROWS; i++) {
            y[i * 10 + rng.nextInt(10)] = 1;
        }
        Dataset data = new Dataset(DType.FLOAT32, x, 64, y, 10);
        Sequential net = Sequential.build(backend, DType.FLOAT32, List.of(new LayerSpec.Linear(64, 128, true),
                LayerSpec.ActivationLayer.of(Activation.RELU), new LayerSpec.Linear(128, 10, true)), 7L);
        int epochs = (steps + ROWS / BATCH - 1) / (ROWS / BATCH);
        List<MemorySample> samples = new ArrayList<>();
        samples.add(MemorySample.take(0, offHeap));
        long[] done = {0};
        new Trainer(net, new Adam(backend, net.parameters(), Adam.Config.of(1e-3)), new TrainingConfig(epochs, BATCH, 11L))
                .fit(data, null, new TrainingListener() {
                    @Override
                    public void onBatch(BatchProgress progress) {
                        done[0]++;
                        if (done[0] % every == 0) {
                            samples.add(MemorySample.take(done[0], offHeap));
                        }
                    }

                    @Override
                    public void onEpoch(EpochResult result) {
                        // the samples are taken per step
                    }
                });
        return samples;
    }

    static void print(String backend, List<MemorySample> samples, PrintStream out) {
        out.println(String.format(Locale.ROOT, "%-6s %8s %10s %10s %12s %12s %10s", "", "step", "heap MB", "direct MB",
                "JavaCPP MB", "physical MB", "RSS MB"));
        for (MemorySample s : samples) {
            out.println(String.format(Locale.ROOT, "%-6s %8d %10.1f %10.1f %12s %12s %10.1f", backend, s.step(),
                    mb(s.heap()), mb(s.direct()), s.javacpp() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", mb(s.javacpp())),
                    s.physical() < 0 ? "-" : String.format(Locale.ROOT, "%.1f", mb(s.physical())), mb(s.rss())));
        }
    }

    private static double mb(long bytes) {
        return (double) bytes / MB;
    }

    /**
     * "flat: ..." or "GROWING: ...": the growth of each measure from the first sample at or after
     * {@value #WARM_STEPS} steps to the largest after it, against its bound.
     */
    static String verdict(List<MemorySample> samples) {
        MemorySample warm = samples.stream().filter(s -> s.step() >= WARM_STEPS).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no sample at or after step " + WARM_STEPS));
        long heap = 0;
        long offHeap = 0;
        long rss = 0;
        for (MemorySample s : samples) {
            if (s.step() >= warm.step()) {
                heap = Math.max(heap, s.heap() - warm.heap());
                offHeap = Math.max(offHeap, s.javacpp() - warm.javacpp());
                rss = Math.max(rss, Math.max(s.rss() - warm.rss(), s.physical() - warm.physical()));
            }
        }
        boolean flat = heap <= HEAP_BOUND_MB * MB && offHeap <= OFF_HEAP_BOUND_MB * MB && rss <= RSS_BOUND_MB * MB;
        return String.format(Locale.ROOT, "%s: from step %d to %d, heap +%.2f MB (bound %d), off-heap +%.2f MB "
                        + "(bound %d), RSS +%.1f MB (bound %d)", flat ? "flat" : "GROWING", warm.step(),
                samples.get(samples.size() - 1).step(), mb(heap), HEAP_BOUND_MB, mb(offHeap), OFF_HEAP_BOUND_MB,
                mb(rss), RSS_BOUND_MB);
    }
}
