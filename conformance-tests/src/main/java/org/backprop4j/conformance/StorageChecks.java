package org.backprop4j.conformance;

import static org.backprop4j.conformance.OpCheck.name;

import java.util.List;
import org.backprop4j.api.DType;
import org.backprop4j.api.Shape;
import org.backprop4j.api.Tensor;

/** The op contract's checks of storage: {@code zeros}, copies in and out, {@code fromArray}, {@code transfer}. */
final class StorageChecks {
    private StorageChecks() {
    }

    static void addTo(List<OpCheck> checks) {
        for (DType dtype : DType.values()) {
            for (Shape shape : List.of(Shape.vector(1), Shape.matrix(1, 1), Shape.vector(5), Shape.matrix(1, 4),
                    Shape.matrix(4, 1), Shape.matrix(3, 7))) {
                checks.add(new OpCheck(name("zeros", dtype, shape), "zeros", dtype, c -> zeros(c, shape)));
            }
            checks.add(new OpCheck(name("copyIn(double[]) and copyOut(double[])", dtype, "[2, 5] with NaN, infinities, -0, overflow"),
                    "copyIn", dtype, StorageChecks::copyDoubles));
            checks.add(new OpCheck(name("copyIn(float[]) and copyOut(float[])", dtype, "[6] and [4]"), "copyIn", dtype,
                    StorageChecks::copyFloats));
            checks.add(new OpCheck(name("fromArray, toDoubleArray, copyOut to float[]", dtype, "[3, 4] and [12]"), "fromArray",
                    dtype, StorageChecks::roundTrip));
            checks.add(new OpCheck(name("transfer to and from naive", dtype, "[5, 3] with -0 and NaN"), "transfer", dtype,
                    StorageChecks::transfer));
        }
    }

    private static void zeros(OpCheckContext c, Shape shape) {
        Tensor t = c.zeros(shape);
        c.holds("shape", t.shape().equals(shape), "shape " + t.shape() + "; expected " + shape);
        c.holds("dtype", t.dtype() == c.dtype(), "dtype " + t.dtype() + "; expected " + c.dtype());
        c.holds("owner", t.owner() == c.backend().ops(), "owner " + t.owner() + "; expected the backend's ops");
        c.exact("zeros", t, new double[shape.size()]);
    }

    private static void copyDoubles(OpCheckContext c) {
        double[] data = {0.1, -0.0, 1e-40, 1e39, -1e39, Double.NaN, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY, 1.0 / 3.0, 16777217.0};
        Tensor t = c.zeros(Shape.matrix(2, 5));
        c.backend().copyIn(data, t);
        double[] out = new double[data.length];
        c.backend().copyOut(t, out);
        // (float) is round-to-nearest-even: 1e39 overflows to infinity, 16777217 rounds to 16777216
        c.exact("copyOut(copyIn(data))", t.shape(), OpData.rounded(c.dtype(), data), out);
    }

    private static void copyFloats(OpCheckContext c) {
        float[] data = {0.1f, -0.0f, Float.MIN_VALUE, Float.MAX_VALUE, Float.NaN, Float.NEGATIVE_INFINITY};
        Tensor t = c.zeros(Shape.vector(data.length));
        c.backend().copyIn(data, t);
        double[] widened = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            widened[i] = data[i];
        }
        c.exact("copyIn(float[])", t, widened);

        double[] precise = {0.1, 1.0 / 3.0, -2.5e-8, 1e39};
        Tensor p = c.tensor(Shape.vector(precise.length), precise);
        float[] out = new float[precise.length];
        c.backend().copyOut(p, out);
        double[] got = new double[out.length];
        double[] expected = new double[out.length];
        for (int i = 0; i < out.length; i++) {
            got[i] = out[i];
            expected[i] = (float) precise[i];
        }
        c.exact("copyOut(float[])", p.shape(), expected, got);
    }

    private static void roundTrip(OpCheckContext c) {
        double[] data = OpData.random(1, 12, c.dtype());
        Tensor t = c.tensor(Shape.matrix(3, 4), data);
        c.exact("toDoubleArray(fromArray(double...))", t, data);
        float[] asFloat = new float[t.shape().size()];
        c.backend().copyOut(t, asFloat);
        double[] fromFloats = new double[asFloat.length];
        double[] expectedFloats = new double[data.length];
        for (int i = 0; i < data.length; i++) {
            fromFloats[i] = asFloat[i];
            expectedFloats[i] = (float) data[i];
        }
        c.exact("copyOut to float[]", t.shape(), expectedFloats, fromFloats);
        Tensor f = c.backend().fromArray(c.dtype(), Shape.vector(12), asFloat);
        c.exact("toDoubleArray(fromArray(float...))", f, fromFloats);
    }

    private static void transfer(OpCheckContext c) {
        double[] data = OpData.random(2, 15, c.dtype());
        data[0] = -0.0;
        data[1] = Double.NaN;
        Tensor there = c.referenceTensor(Shape.matrix(5, 3), data);
        Tensor here = c.backend().transfer(there);
        c.holds("owner", here.owner() == c.backend().ops(), "the copy belongs to " + here.owner());
        c.holds("shape and dtype", here.shape().equals(there.shape()) && here.dtype() == c.dtype(),
                "copy is " + here.dtype() + " " + here.shape() + "; expected " + c.dtype() + " " + there.shape());
        c.exact("transfer from naive", here, data);
        Tensor back = c.reference().transfer(here);
        c.exact("transfer to naive", back.shape(), data, c.readReference(back));
    }
}
