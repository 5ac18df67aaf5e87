// Generated from Float64Elements.java by build-tools' Float32Generator: edit that file, not this one.
package org.backprop4j.backend.nd4j;

import java.nio.FloatBuffer;
import org.backprop4j.api.Activation;

/** The elements of a float32 buffer (see {@link Elements}). */
final class Float32Elements extends Elements {
    private final FloatBuffer buffer;

    Float32Elements(FloatBuffer buffer, int length) {
        super(length);
        this.buffer = buffer;
    }

    @Override
    double get(int i) {
        return buffer.get(i);
    }

    @Override
    void set(int i, double value) {
        buffer.put(i, (float) value); // Java's cast to the element type: round to nearest, ties to even
    }

    @Override
    void fill(double value) {
        buffer.put(0, (float) value);
        for (int filled = 1; filled < length; filled *= 2) { // copy the filled prefix after itself
            buffer.put(filled, buffer, 0, Math.min(filled, length - filled));
        }
    }

    @Override
    void repeatRow(Elements row) {
        FloatBuffer r = ((Float32Elements) row).buffer;
        int cols = row.length;
        for (int start = 0; start < length; start += cols) {
            buffer.put(start, r, 0, cols);
        }
    }

    @Override
    void zeroWhereNotPositive(Elements test, Elements value) {
        FloatBuffer t = ((Float32Elements) test).buffer;
        FloatBuffer v = ((Float32Elements) value).buffer;
        for (int i = 0; i < length; i++) {
            int keep = t.get(i) <= 0 ? 0 : -1; // no bit or every bit (-1 widens to 64 ones); false for NaN: value kept
            buffer.put(i, Float.intBitsToFloat(Float.floatToRawIntBits(v.get(i)) & keep));
        }
    }

    @Override
    void scaleWhereNotPositive(Elements test, Elements value, double factor) {
        FloatBuffer t = ((Float32Elements) test).buffer;
        FloatBuffer v = ((Float32Elements) value).buffer;
        float s = (float) factor;
        for (int i = 0; i < length; i++) {
            float x = v.get(i);
            int keep = t.get(i) > 0 ? -1 : 0; // 0 for NaN: scaled
            buffer.put(i, Float.intBitsToFloat(Float.floatToRawIntBits(x) & keep
                    | Float.floatToRawIntBits(x * s) & ~keep));
        }
    }

    @Override
    void add(Elements a, Elements b) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) + q.get(i));
        }
    }

    @Override
    void subtract(Elements a, Elements b) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) - q.get(i));
        }
    }

    @Override
    void multiply(Elements a, Elements b) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) * q.get(i));
        }
    }

    @Override
    void divide(Elements a, Elements b) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) / q.get(i));
        }
    }

    @Override
    void max(Elements a, Elements b) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.max(p.get(i), q.get(i)));
        }
    }

    @Override
    void min(Elements a, Elements b) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.min(p.get(i), q.get(i)));
        }
    }

    @Override
    void sqrt(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (float) Math.sqrt(p.get(i)));
        }
    }

    @Override
    void square(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            float x = p.get(i);
            buffer.put(i, x * x);
        }
    }

    @Override
    void exp(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (float) Math.exp(p.get(i)));
        }
    }

    @Override
    void log(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (float) Math.log(p.get(i)));
        }
    }

    @Override
    void abs(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.abs(p.get(i)));
        }
    }

    @Override
    void sign(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.signum(p.get(i)) + 0); // + 0 turns signum's -0.0 into +0.0; NaN stays NaN
        }
    }

    @Override
    void maxOfRows(Elements a) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        int cols = a.length / length;
        for (int i = 0, row = 0; i < length; i++, row += cols) {
            float max = Float.NEGATIVE_INFINITY;
            for (int j = row; j < row + cols; j++) {
                max = Math.max(max, p.get(j)); // NaN wins, as it must
            }
            buffer.put(i, max);
        }
    }

    @Override
    void addColumn(Elements a, Elements v) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            float vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) + vi);
            }
        }
    }

    @Override
    void subtractColumn(Elements a, Elements v) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            float vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) - vi);
            }
        }
    }

    @Override
    void multiplyColumn(Elements a, Elements v) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            float vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) * vi);
            }
        }
    }

    @Override
    void divideColumn(Elements a, Elements v) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            float vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) / vi);
            }
        }
    }

    @Override
    void maxColumn(Elements a, Elements v) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            float vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, Math.max(p.get(j), vi));
            }
        }
    }

    @Override
    void minColumn(Elements a, Elements v) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        FloatBuffer q = ((Float32Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            float vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, Math.min(p.get(j), vi));
            }
        }
    }

    @Override
    void forward(Activation f, Elements x) {
        FloatBuffer p = ((Float32Elements) x).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (float) f.forward(p.get(i)));
        }
    }

    @Override
    void backward(Activation f, Elements x, Elements y, Elements dy) {
        FloatBuffer p = ((Float32Elements) x).buffer;
        FloatBuffer q = ((Float32Elements) y).buffer;
        FloatBuffer g = ((Float32Elements) dy).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (float) f.backward(p.get(i), q.get(i), g.get(i)));
        }
    }

    @Override
    void sigmoidBackward(Elements y, Elements dy) {
        FloatBuffer q = ((Float32Elements) y).buffer;
        FloatBuffer g = ((Float32Elements) dy).buffer;
        for (int i = 0; i < length; i++) {
            float s = q.get(i);
            buffer.put(i, g.get(i) * (1 - s) * s);
        }
    }

    @Override
    void tanhBackward(Elements y, Elements dy) {
        FloatBuffer q = ((Float32Elements) y).buffer;
        FloatBuffer g = ((Float32Elements) dy).buffer;
        for (int i = 0; i < length; i++) {
            float t = q.get(i);
            buffer.put(i, g.get(i) * (1 - t * t));
        }
    }

    @Override
    void axpby(double alpha, Elements x, double beta) {
        FloatBuffer p = ((Float32Elements) x).buffer;
        if (beta == 0) {
            for (int i = 0; i < length; i++) {
                buffer.put(i, (float) (alpha * p.get(i)));
            }
        } else {
            for (int i = 0; i < length; i++) {
                buffer.put(i, (float) (alpha * p.get(i) + beta * buffer.get(i)));
            }
        }
    }

    @Override
    void addScalar(Elements a, double s) {
        FloatBuffer p = ((Float32Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (float) (p.get(i) + s));
        }
    }

    @Override
    void copyFrom(double[] src) {
        BufferCopies.copy(src, buffer);
    }

    @Override
    void copyFrom(float[] src) {
        BufferCopies.copy(src, buffer);
    }

    @Override
    void copyTo(double[] dst) {
        BufferCopies.copy(buffer, dst);
    }

    @Override
    void copyTo(float[] dst) {
        BufferCopies.copy(buffer, dst);
    }
}
