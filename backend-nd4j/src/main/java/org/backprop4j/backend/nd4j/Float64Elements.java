package org.backprop4j.backend.nd4j;

import java.nio.DoubleBuffer;
import org.backprop4j.api.Activation;

/** The elements of a float64 buffer (see {@link Elements}). */
final class Float64Elements extends Elements {
    private final DoubleBuffer buffer;

    Float64Elements(DoubleBuffer buffer, int length) {
        super(length);
        this.buffer = buffer;
    }

    @Override
    double get(int i) {
        return buffer.get(i);
    }

    @Override
    void set(int i, double value) {
        buffer.put(i, (double) value); // Java's cast to the element type: round to nearest, ties to even
    }

    @Override
    void fill(double value) {
        buffer.put(0, (double) value);
        for (int filled = 1; filled < length; filled *= 2) { // copy the filled prefix after itself
            buffer.put(filled, buffer, 0, Math.min(filled, length - filled));
        }
    }

    @Override
    void repeatRow(Elements row) {
        DoubleBuffer r = ((Float64Elements) row).buffer;
        int cols = row.length;
        for (int start = 0; start < length; start += cols) {
            buffer.put(start, r, 0, cols);
        }
    }

    @Override
    void zeroWhereNotPositive(Elements test, Elements value) {
        DoubleBuffer t = ((Float64Elements) test).buffer;
        DoubleBuffer v = ((Float64Elements) value).buffer;
        for (int i = 0; i < length; i++) {
            int keep = t.get(i) <= 0 ? 0 : -1; // no bit or every bit (-1 widens to 64 ones); false for NaN: value kept
            buffer.put(i, Double.longBitsToDouble(Double.doubleToRawLongBits(v.get(i)) & keep));
        }
    }

    @Override
    void scaleWhereNotPositive(Elements test, Elements value, double factor) {
        DoubleBuffer t = ((Float64Elements) test).buffer;
        DoubleBuffer v = ((Float64Elements) value).buffer;
        double s = (double) factor;
        for (int i = 0; i < length; i++) {
            double x = v.get(i);
            int keep = t.get(i) > 0 ? -1 : 0; // 0 for NaN: scaled
            buffer.put(i, Double.longBitsToDouble(Double.doubleToRawLongBits(x) & keep
                    | Double.doubleToRawLongBits(x * s) & ~keep));
        }
    }

    @Override
    void add(Elements a, Elements b) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) + q.get(i));
        }
    }

    @Override
    void subtract(Elements a, Elements b) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) - q.get(i));
        }
    }

    @Override
    void multiply(Elements a, Elements b) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) * q.get(i));
        }
    }

    @Override
    void divide(Elements a, Elements b) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, p.get(i) / q.get(i));
        }
    }

    @Override
    void max(Elements a, Elements b) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.max(p.get(i), q.get(i)));
        }
    }

    @Override
    void min(Elements a, Elements b) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) b).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.min(p.get(i), q.get(i)));
        }
    }

    @Override
    void sqrt(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (double) Math.sqrt(p.get(i)));
        }
    }

    @Override
    void square(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            double x = p.get(i);
            buffer.put(i, x * x);
        }
    }

    @Override
    void exp(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (double) Math.exp(p.get(i)));
        }
    }

    @Override
    void log(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (double) Math.log(p.get(i)));
        }
    }

    @Override
    void abs(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.abs(p.get(i)));
        }
    }

    @Override
    void sign(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, Math.signum(p.get(i)) + 0); // + 0 turns signum's -0.0 into +0.0; NaN stays NaN
        }
    }

    @Override
    void maxOfRows(Elements a) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        int cols = a.length / length;
        for (int i = 0, row = 0; i < length; i++, row += cols) {
            double max = Double.NEGATIVE_INFINITY;
            for (int j = row; j < row + cols; j++) {
                max = Math.max(max, p.get(j)); // NaN wins, as it must
            }
            buffer.put(i, max);
        }
    }

    @Override
    void addColumn(Elements a, Elements v) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            double vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) + vi);
            }
        }
    }

    @Override
    void subtractColumn(Elements a, Elements v) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            double vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) - vi);
            }
        }
    }

    @Override
    void multiplyColumn(Elements a, Elements v) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            double vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) * vi);
            }
        }
    }

    @Override
    void divideColumn(Elements a, Elements v) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            double vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, p.get(j) / vi);
            }
        }
    }

    @Override
    void maxColumn(Elements a, Elements v) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            double vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, Math.max(p.get(j), vi));
            }
        }
    }

    @Override
    void minColumn(Elements a, Elements v) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        DoubleBuffer q = ((Float64Elements) v).buffer;
        int cols = length / v.length;
        for (int i = 0, row = 0; i < v.length; i++, row += cols) {
            double vi = q.get(i);
            for (int j = row; j < row + cols; j++) {
                buffer.put(j, Math.min(p.get(j), vi));
            }
        }
    }

    @Override
    void forward(Activation f, Elements x) {
        DoubleBuffer p = ((Float64Elements) x).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (double) f.forward(p.get(i)));
        }
    }

    @Override
    void backward(Activation f, Elements x, Elements y, Elements dy) {
        DoubleBuffer p = ((Float64Elements) x).buffer;
        DoubleBuffer q = ((Float64Elements) y).buffer;
        DoubleBuffer g = ((Float64Elements) dy).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (double) f.backward(p.get(i), q.get(i), g.get(i)));
        }
    }

    @Override
    void sigmoidBackward(Elements y, Elements dy) {
        DoubleBuffer q = ((Float64Elements) y).buffer;
        DoubleBuffer g = ((Float64Elements) dy).buffer;
        for (int i = 0; i < length; i++) {
            double s = q.get(i);
            buffer.put(i, g.get(i) * (1 - s) * s);
        }
    }

    @Override
    void tanhBackward(Elements y, Elements dy) {
        DoubleBuffer q = ((Float64Elements) y).buffer;
        DoubleBuffer g = ((Float64Elements) dy).buffer;
        for (int i = 0; i < length; i++) {
            double t = q.get(i);
            buffer.put(i, g.get(i) * (1 - t * t));
        }
    }

    @Override
    void axpby(double alpha, Elements x, double beta) {
        DoubleBuffer p = ((Float64Elements) x).buffer;
        if (beta == 0) {
            for (int i = 0; i < length; i++) {
                buffer.put(i, (double) (alpha * p.get(i)));
            }
        } else {
            for (int i = 0; i < length; i++) {
                buffer.put(i, (double) (alpha * p.get(i) + beta * buffer.get(i)));
            }
        }
    }

    @Override
    void addScalar(Elements a, double s) {
        DoubleBuffer p = ((Float64Elements) a).buffer;
        for (int i = 0; i < length; i++) {
            buffer.put(i, (double) (p.get(i) + s));
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
