package org.backprop4j.nn;

import com.fasterxml.jackson.databind.JsonNode;

/** Reading the number arrays of test fixtures (PyTorch and scikit-learn output). */
public final class JsonArrays {
    private JsonArrays() {
    }

    /** The elements of the JSON array {@code array} as doubles; {@code array} is not modified. */
    public static double[] doubles(JsonNode array) {
        double[] out = new double[array.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = array.get(i).asDouble();
        }
        return out;
    }
}
