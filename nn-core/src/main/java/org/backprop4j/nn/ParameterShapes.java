package org.backprop4j.nn;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The parameters a list of layers will have, by {@code state_dict} key, worked out from the
 * layer descriptions alone ({@link LayerSpec#parameterShapes()}), without building anything:
 * {@code "i.weight"} {@code [out, in]} and {@code "i.bias"} {@code [out]} for a linear layer at
 * position {@code i}; layers without parameters have none.
 * A model file's weights are checked against these, and the memory a network needs is estimated
 * from them ({@link MemoryEstimate}), before a single tensor is allocated, so sizes read from an
 * untrusted file never drive an allocation. {@link Sequential#build} makes exactly these
 * parameters; {@code ParameterShapesTest} holds the two to each other.
 *
 * @param shapes     every parameter's shape, by key, in layer order (unmodifiable)
 * @param inputWidth  the first linear layer's {@code in}, or 0 when no linear layer fixes it (a
 *                    network of activations takes any width)
 * @param outputWidth the last linear layer's {@code out}, or 0 when no linear layer fixes it
 */
public record ParameterShapes(Map<String, int[]> shapes, int inputWidth, int outputWidth) {

    /**
     * The parameters of {@code specs}, checking, as {@link Sequential#build} does, that the widths
     * of consecutive linear layers agree.
     *
     * @throws IllegalArgumentException with {@link Sequential#build}'s message when a linear
     *                                  layer's {@code in} is not the width before it
     */
    public static ParameterShapes of(List<LayerSpec> specs) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        int width = -1;
        int in = -1;
        for (int i = 0; i < specs.size(); i++) {
            LayerSpec spec = specs.get(i);
            if (spec instanceof LayerSpec.Linear l) {
                if (width != -1 && l.in() != width) {
                    throw new IllegalArgumentException("layer " + i + " (linear) has in = " + l.in()
                            + "; expected " + width + ", the width of the layers before it");
                }
                if (in == -1) {
                    in = l.in();
                }
                width = l.out();
            }
            for (Map.Entry<String, int[]> p : spec.parameterShapes().entrySet()) {
                shapes.put(i + "." + p.getKey(), p.getValue());
            }
        }
        return new ParameterShapes(Collections.unmodifiableMap(shapes), Math.max(in, 0), Math.max(width, 0));
    }

    /** The number of elements of all parameters together. */
    public long elements() {
        long n = 0;
        for (int[] s : shapes.values()) {
            n += elements(s);
        }
        return n;
    }

    /** The number of elements of the largest parameter. */
    public long largest() {
        long max = 0;
        for (int[] s : shapes.values()) {
            max = Math.max(max, elements(s));
        }
        return max;
    }

    static long elements(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }
}
