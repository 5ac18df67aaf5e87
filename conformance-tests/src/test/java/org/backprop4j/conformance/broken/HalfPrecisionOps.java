package org.backprop4j.conformance.broken;

import org.backprop4j.api.Activation;
import org.backprop4j.api.BinaryOp;
import org.backprop4j.api.DType;
import org.backprop4j.api.Tensor;
import org.backprop4j.api.UnaryOp;
import org.backprop4j.api.spi.TensorOps;

/**
 * Broken on purpose: a float32 path that rounds every result to half precision (IEEE 754 binary16:
 * 11-bit significand, largest finite 65504), as a backend computing float32 on fp16 hardware would.
 * Storage is exact; every computing op rounds what it writes (and {@code sum}, {@code dot} what
 * they return). Float64 is untouched.
 */
final class HalfPrecisionOps extends DecoratedOps {
    HalfPrecisionOps(TensorOps delegate) {
        super(delegate);
    }

    /**
     * {@code f} rounded to the nearest binary16 value (ties to even), as a float; Java 17 has no
     * {@code Float.floatToFloat16}. NaN and infinities are returned as they are; magnitudes from
     * 65520 (halfway between 65504 and the next power of two) up overflow to infinity; below
     * 2^-14 binary16 is subnormal, with a fixed spacing of 2^-24.
     */
    static float roundToHalf(float f) {
        if (Float.isNaN(f) || Float.isInfinite(f)) {
            return f;
        }
        float magnitude = Math.abs(f);
        if (magnitude >= 65520f) {
            return Math.copySign(Float.POSITIVE_INFINITY, f);
        }
        if (magnitude < 0x1p-14f) {
            // a multiple of 2^-24; the quotient is exact (a power-of-two scaling), rint ties to even
            return Math.copySign((float) (Math.rint(magnitude * 0x1p24) * 0x1p-24), f);
        }
        // keep 10 of float's 23 fraction bits: add just under half of the dropped part, plus the
        // kept lowest bit so that an exact half rounds to even, then clear the 13 dropped bits
        int bits = Float.floatToRawIntBits(magnitude);
        int keptLowestBit = (bits >> 13) & 1;
        int rounded = (bits + 0x0FFF + keptLowestBit) & ~0x1FFF;
        return Math.copySign(Float.intBitsToFloat(rounded), f);
    }

    private void round(Tensor t) {
        if (t.dtype() != DType.FLOAT32) {
            return;
        }
        float[] values = new float[t.shape().size()];
        delegate.copyOut(in(t), values);
        for (int i = 0; i < values.length; i++) {
            values[i] = roundToHalf(values[i]);
        }
        delegate.copyIn(values, in(t));
    }

    private static double round(Tensor t, double result) {
        return t.dtype() == DType.FLOAT32 ? roundToHalf((float) result) : result;
    }

    @Override
    public void gemm(double alpha, Tensor a, boolean transposeA, Tensor b, boolean transposeB, double beta, Tensor c) {
        super.gemm(alpha, a, transposeA, b, transposeB, beta, c);
        round(c);
    }

    @Override
    public void addRowVector(Tensor a, Tensor v, Tensor out) {
        super.addRowVector(a, v, out);
        round(out);
    }

    @Override
    public void columnSums(Tensor a, double beta, Tensor out) {
        super.columnSums(a, beta, out);
        round(out);
    }

    @Override
    public void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) {
        super.binary(op, a, b, out);
        round(out);
    }

    @Override
    public void unary(UnaryOp op, Tensor a, Tensor out) {
        super.unary(op, a, out);
        round(out);
    }

    @Override
    public void activation(Activation f, Tensor x, Tensor y) {
        super.activation(f, x, y);
        round(y);
    }

    @Override
    public void activationBackward(Activation f, Tensor x, Tensor y, Tensor dy, Tensor dx) {
        super.activationBackward(f, x, y, dy, dx);
        round(dx);
    }

    @Override
    public void axpby(double alpha, Tensor x, double beta, Tensor y) {
        super.axpby(alpha, x, beta, y);
        round(y);
    }

    @Override
    public void addScalar(Tensor a, double s, Tensor out) {
        super.addScalar(a, s, out);
        round(out);
    }

    @Override
    public void fill(Tensor t, double value) {
        super.fill(t, value);
        round(t);
    }

    @Override
    public double sum(Tensor a) {
        return round(a, super.sum(a));
    }

    @Override
    public double dot(Tensor a, Tensor b) {
        return round(a, super.dot(a, b));
    }
}
