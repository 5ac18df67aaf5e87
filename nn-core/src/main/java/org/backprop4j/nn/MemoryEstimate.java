package org.backprop4j.nn;

import java.util.List;
import java.util.Locale;
import org.backprop4j.api.DType;

/**
 * What a network needs in memory, worked out from its layer descriptions before anything is
 * allocated, to refuse a model or a training run that cannot fit with one clear line instead of
 * an {@code OutOfMemoryError} mid-way (or a machine swapping for minutes first).
 *
 * <p>What is counted, at the dtype's size per element ({@code b}, 4 or 8 bytes), for {@code P}
 * parameter elements, the largest parameter of {@code L} elements, batches of {@code B} rows and
 * layer widths {@code w_i}:
 * <ul>
 *   <li>inference: {@code 2 P b} (each parameter and its gradient buffer, which layers allocate),
 *       {@code 8 L} (one parameter as doubles, while it is initialised or read from a file),
 *       {@code B (in + sum w_i) b} for the input and the layers' outputs, and {@code 8 B (in + out) 2}
 *       for a batch's rows as doubles on the way in and out;</li>
 *   <li>training: the same with the layers' input gradients too ({@code 2 B sum w_i b}), the
 *       optimizer's {@code k} tensors per parameter ({@code k P b}: Adam keeps 5, SGD with
 *       momentum 2), and the data set itself.</li>
 * </ul>
 * The estimate is compared with what the JVM may use, {@link Runtime#maxMemory()} (the
 * {@code -Xmx}); ND4J's off-heap memory is bounded by the same figure unless
 * {@code org.bytedeco.javacpp.maxbytes} says otherwise. It leaves out the JVM's own overhead and
 * assumes a backend stores an element in {@code b} bytes; the naive backend keeps float32 values in
 * doubles and so uses up to twice the float32 figure. A run that passes the check may still run
 * out of memory; the command line then says so in one line.
 *
 * @param bytes the estimated bytes
 */
public record MemoryEstimate(long bytes) {
    private static final long GIB = 1L << 30;
    private static final long MIB = 1L << 20;
    private static final int DOUBLE_BYTES = 8;

    /** The memory to run {@code specs} forward in batches of {@code batchRows} rows. */
    public static MemoryEstimate inference(List<LayerSpec> specs, DType dtype, int batchRows) {
        ParameterShapes shapes = ParameterShapes.of(specs);
        long b = dtype.bytes();
        long activations = (long) batchRows * (shapes.inputWidth() + outputWidths(specs, shapes.inputWidth())) * b;
        long hostRows = (long) DOUBLE_BYTES * batchRows * (shapes.inputWidth() + shapes.outputWidth()) * 2;
        return new MemoryEstimate(saturatingSum(
                saturatingProduct(shapes.elements(), 2 * b),
                saturatingProduct(shapes.largest(), DOUBLE_BYTES),
                activations, hostRows));
    }

    /**
     * The memory to train {@code specs} in batches of {@code batchRows} rows with an optimizer
     * that keeps {@code optimizerTensors} tensors per parameter, on data taking {@code dataBytes}.
     */
    public static MemoryEstimate training(List<LayerSpec> specs, DType dtype, int batchRows, int optimizerTensors,
                                          long dataBytes) {
        ParameterShapes shapes = ParameterShapes.of(specs);
        long b = dtype.bytes();
        long forward = inference(specs, dtype, batchRows).bytes();
        long gradients = (long) batchRows * outputWidths(specs, shapes.inputWidth()) * b;
        long optimizer = saturatingProduct(shapes.elements(), (long) optimizerTensors * b);
        return new MemoryEstimate(saturatingSum(forward, gradients, optimizer, dataBytes));
    }

    private static long outputWidths(List<LayerSpec> specs, int inputWidth) {
        long sum = 0;
        int width = inputWidth;
        for (LayerSpec s : specs) {
            if (s instanceof LayerSpec.Linear l) {
                width = l.out();
            }
            sum += width; // a layer without parameters keeps the width of its input
        }
        return sum;
    }

    private static long saturatingProduct(long a, long b) {
        return a != 0 && b > Long.MAX_VALUE / a ? Long.MAX_VALUE : a * b;
    }

    private static long saturatingSum(long... terms) {
        long total = 0;
        for (long t : terms) {
            total = t > Long.MAX_VALUE - total ? Long.MAX_VALUE : total + t;
        }
        return total;
    }

    /** What this JVM may use: {@link Runtime#maxMemory()}. */
    public static long jvmLimit() {
        return Runtime.getRuntime().maxMemory();
    }

    /** Whether the estimate is within {@code limit} bytes. */
    public boolean fitsIn(long limit) {
        return bytes <= limit;
    }

    /**
     * {@code "needs 3.4 GB, the JVM may use 1.0 GB"}: the estimate against {@code limit}, in the
     * units of {@code -Xmx} (1 GB = 2^30 bytes, as {@code -Xmx1g}).
     */
    public String against(long limit) {
        return "needs " + format(bytes) + ", the JVM may use " + format(limit);
    }

    /** An {@code -Xmx} setting with a quarter to spare over the estimate, in whole gigabytes: {@code -Xmx5g}. */
    public String suggestedXmx() {
        long withMargin = bytes > Long.MAX_VALUE / 5 * 4 ? Long.MAX_VALUE : bytes / 4 * 5;
        return "-Xmx" + Math.max(1, (withMargin + GIB - 1) / GIB) + "g";
    }

    /** {@code 3.4 GB}, {@code 12.0 MB}, {@code 512 bytes}; 1 GB = 2^30 bytes, 1 MB = 2^20, as {@code -Xmx}. */
    public static String format(long bytes) {
        if (bytes >= GIB) {
            return String.format(Locale.ROOT, "%.1f GB", (double) bytes / GIB);
        }
        if (bytes >= MIB) {
            return String.format(Locale.ROOT, "%.1f MB", (double) bytes / MIB);
        }
        return bytes + " bytes";
    }
}
