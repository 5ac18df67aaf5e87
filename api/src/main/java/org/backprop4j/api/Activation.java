package org.backprop4j.api;

import org.apache.commons.numbers.gamma.Erf;

/**
 * An elementwise activation function with its parameters: the forward rule {@code y = f(x)} and
 * the derivative used in backward, {@code dx = dy * f'(x)}. The conventions are PyTorch's 1.13,
 * including at the kinks and for the parameters' defaults.
 *
 * <p>{@link #kind()} says which function; the other components are its parameters, each read by
 * the kinds its javadoc names and {@code 0} for every other kind (the constructor checks this, so
 * two equal functions are equal records). Use the constants and factories:
 *
 * <table>
 *   <caption>The functions</caption>
 *   <tr><th>constant or factory</th><th>forward {@code y}</th><th>backward {@code dx}</th><th>PyTorch</th></tr>
 *   <tr><td>{@link #IDENTITY}</td><td>{@code x}</td><td>{@code dy}</td><td>{@code nn.Identity()}</td></tr>
 *   <tr><td>{@link #RELU}</td><td>{@code max(x, 0)}</td><td>{@code y <= 0 ? 0 : dy}</td><td>{@code nn.ReLU()}</td></tr>
 *   <tr><td>{@link #leakyRelu(double) leakyRelu(s)}</td><td>{@code x > 0 ? x : s x}</td>
 *       <td>{@code x > 0 ? dy : s dy}</td><td>{@code nn.LeakyReLU(s)}</td></tr>
 *   <tr><td>{@link #SIGMOID}</td><td>{@code 1 / (1 + exp(-x))}</td><td>{@code dy (1 - y) y}</td><td>{@code nn.Sigmoid()}</td></tr>
 *   <tr><td>{@link #TANH}</td><td>{@code tanh(x)}</td><td>{@code dy (1 - y^2)}</td><td>{@code nn.Tanh()}</td></tr>
 *   <tr><td>{@link #GELU}</td><td>{@code x Phi(x)}, {@code Phi(x) = (1 + erf(x / sqrt 2)) / 2}</td>
 *       <td>{@code dy (Phi(x) + x phi(x))}, {@code phi(x) = exp(-x^2 / 2) / sqrt(2 pi)}</td>
 *       <td>{@code nn.GELU()}</td></tr>
 *   <tr><td>{@link #GELU_TANH}</td><td>{@code x (1 + tanh(u)) / 2}, {@code u = sqrt(2/pi) (x + 0.044715 x^3)}</td>
 *       <td>{@code dy ((1 + t) / 2 + x (1 - t^2) / 2 * sqrt(2/pi) (1 + 3 * 0.044715 x^2))}, {@code t = tanh(u)}</td>
 *       <td>{@code nn.GELU(approximate="tanh")}</td></tr>
 *   <tr><td>{@link #SILU}</td><td>{@code x s}, {@code s = 1 / (1 + exp(-x))}</td><td>{@code dy s (1 + x (1 - s))}</td>
 *       <td>{@code nn.SiLU()}</td></tr>
 *   <tr><td>{@link #elu(double) elu(a)}</td><td>{@code x <= 0 ? a (exp(x) - 1) : x}</td>
 *       <td>{@code x <= 0 ? dy a exp(x) : dy}</td><td>{@code nn.ELU(a)}</td></tr>
 *   <tr><td>{@link #softplus(double, double) softplus(b, t)}</td><td>{@code b x > t ? x : log(1 + exp(b x)) / b}</td>
 *       <td>{@code b x > t ? dy : dy z / (z + 1)}, {@code z = exp(b x)}</td><td>{@code nn.Softplus(b, t)}</td></tr>
 * </table>
 *
 * <p>Special cases, as PyTorch: the gradient of ReLU at exactly 0 is 0, of LeakyReLU the slope
 * {@code s}, of ELU {@code a}; NaN in gives NaN out, and NaN in {@code dy} gives NaN in {@code dx}
 * (except where ReLU's rule selects 0: {@code y <= 0} is false for a NaN output, so {@code dy}
 * passes through it). Every rule is computed in {@code double}; a backend working in float32 rounds
 * the result once.
 *
 * @param kind          which function
 * @param negativeSlope {@link Kind#LEAKY_RELU}'s slope for {@code x <= 0}; finite
 * @param alpha         {@link Kind#ELU}'s scale of the negative part; finite
 * @param beta          {@link Kind#SOFTPLUS}'s {@code beta}; finite and {@code > 0}
 * @param threshold     {@link Kind#SOFTPLUS}'s {@code threshold}, above which {@code beta x} is
 *                      taken to be linear; finite
 */
public record Activation(Kind kind, double negativeSlope, double alpha, double beta, double threshold) {

    /** Which function an {@link Activation} computes. */
    public enum Kind {
        /** {@link Activation#IDENTITY}. */
        IDENTITY("identity"),
        /** {@link Activation#RELU}. */
        RELU("relu"),
        /** {@link Activation#leakyRelu(double)}. */
        LEAKY_RELU("leaky_relu"),
        /** {@link Activation#SIGMOID}. */
        SIGMOID("sigmoid"),
        /** {@link Activation#TANH}. */
        TANH("tanh"),
        /** {@link Activation#GELU}, the exact form through {@code erf}. */
        GELU("gelu"),
        /** {@link Activation#GELU_TANH}, the {@code tanh} approximation; in files {@code {"type": "gelu", "approximate": "tanh"}}. */
        GELU_TANH("gelu"),
        /** {@link Activation#SILU}. */
        SILU("silu"),
        /** {@link Activation#elu(double)}. */
        ELU("elu"),
        /** {@link Activation#softplus(double, double)}. */
        SOFTPLUS("softplus");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The layer type name in case and model files, e.g. {@code leaky_relu}; both GELU forms are {@code gelu}. */
        public String id() {
            return id;
        }

        @Override
        public String toString() {
            return this == GELU_TANH ? "gelu_tanh" : id;
        }
    }

    /** PyTorch's default negative slope of {@code nn.LeakyReLU}: 0.01. */
    public static final double DEFAULT_NEGATIVE_SLOPE = 0.01;
    /** PyTorch's default {@code alpha} of {@code nn.ELU}: 1.0. */
    public static final double DEFAULT_ELU_ALPHA = 1.0;
    /** PyTorch's default {@code beta} of {@code nn.Softplus}: 1.0. */
    public static final double DEFAULT_SOFTPLUS_BETA = 1.0;
    /** PyTorch's default {@code threshold} of {@code nn.Softplus}: 20.0. */
    public static final double DEFAULT_SOFTPLUS_THRESHOLD = 20.0;

    /** {@code y = x}. */
    public static final Activation IDENTITY = of(Kind.IDENTITY);
    /** {@code y = max(x, 0)}; the gradient at exactly 0 is 0. */
    public static final Activation RELU = of(Kind.RELU);
    /** LeakyReLU with PyTorch's default slope, 0.01. */
    public static final Activation LEAKY_RELU = leakyRelu(DEFAULT_NEGATIVE_SLOPE);
    /** The logistic function. */
    public static final Activation SIGMOID = of(Kind.SIGMOID);
    /** The hyperbolic tangent. */
    public static final Activation TANH = of(Kind.TANH);
    /** GELU, exact: {@code x Phi(x)} with the standard normal CDF {@code Phi}. */
    public static final Activation GELU = of(Kind.GELU);
    /** GELU, PyTorch's {@code approximate="tanh"} form. */
    public static final Activation GELU_TANH = of(Kind.GELU_TANH);
    /** SiLU (swish): {@code x sigmoid(x)}. */
    public static final Activation SILU = of(Kind.SILU);
    /** ELU with PyTorch's default {@code alpha}, 1.0. */
    public static final Activation ELU = elu(DEFAULT_ELU_ALPHA);
    /** Softplus with PyTorch's defaults, {@code beta} 1 and {@code threshold} 20. */
    public static final Activation SOFTPLUS = softplus(DEFAULT_SOFTPLUS_BETA, DEFAULT_SOFTPLUS_THRESHOLD);

    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double INV_SQRT_2PI = 1 / Math.sqrt(2 * Math.PI);
    private static final double SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
    private static final double GELU_CUBIC = 0.044715;

    /**
     * @throws IllegalArgumentException for a parameter that is not finite, a {@code beta} that is
     *                                  not {@code > 0}, or a parameter given to a kind that does not read it
     */
    public Activation {
        if (kind == null) {
            throw new NullPointerException("kind");
        }
        requireFor(kind, Kind.LEAKY_RELU, "negative_slope", negativeSlope);
        requireFor(kind, Kind.ELU, "alpha", alpha);
        requireFor(kind, Kind.SOFTPLUS, "beta", beta);
        requireFor(kind, Kind.SOFTPLUS, "threshold", threshold);
        if (kind == Kind.SOFTPLUS && !(beta > 0)) {
            throw new IllegalArgumentException("softplus beta (" + beta + ") must be > 0");
        }
    }

    private static void requireFor(Kind kind, Kind reader, String name, double value) {
        if (kind == reader && !Double.isFinite(value)) {
            throw new IllegalArgumentException(reader + " " + name + " (" + value + ") must be finite");
        }
        if (kind != reader && value != 0) {
            throw new IllegalArgumentException(name + " (" + value + ") applies to " + reader + " only, not " + kind);
        }
    }

    /** The function of a kind that has no parameters, or that kind with PyTorch's default parameters. */
    public static Activation of(Kind kind) {
        return switch (kind) {
            case LEAKY_RELU -> leakyRelu(DEFAULT_NEGATIVE_SLOPE);
            case ELU -> elu(DEFAULT_ELU_ALPHA);
            case SOFTPLUS -> softplus(DEFAULT_SOFTPLUS_BETA, DEFAULT_SOFTPLUS_THRESHOLD);
            case IDENTITY, RELU, SIGMOID, TANH, GELU, GELU_TANH, SILU -> new Activation(kind, 0, 0, 0, 0);
        };
    }

    /**
     * The function whose file name is {@code id}, with PyTorch's default parameters ({@code gelu}
     * is the exact form).
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static Activation fromId(String id) {
        for (Kind k : Kind.values()) {
            if (k.id().equals(id) && k != Kind.GELU_TANH) {
                return of(k);
            }
        }
        throw new IllegalArgumentException("activation '" + id + "' is not supported; allowed: identity, relu, "
                + "leaky_relu, sigmoid, tanh, gelu, silu, elu, softplus");
    }

    /** {@code nn.LeakyReLU(negativeSlope)}. */
    public static Activation leakyRelu(double negativeSlope) {
        return new Activation(Kind.LEAKY_RELU, negativeSlope, 0, 0, 0);
    }

    /** {@code nn.ELU(alpha)}. */
    public static Activation elu(double alpha) {
        return new Activation(Kind.ELU, 0, alpha, 0, 0);
    }

    /** {@code nn.Softplus(beta, threshold)}. */
    public static Activation softplus(double beta, double threshold) {
        return new Activation(Kind.SOFTPLUS, 0, 0, beta, threshold);
    }

    /** The standard normal CDF {@code (1 + erf(x / sqrt 2)) / 2}, as PyTorch's GELU computes it. */
    private static double normalCdf(double x) {
        return 0.5 * (1 + Erf.value(x * SQRT_HALF));
    }

    /**
     * The forward rule for one element, {@code f(x)}: the reference definition that loop-based
     * backends apply. A switch expression, so a new kind fails to compile here.
     */
    public double forward(double x) {
        return switch (kind) {
            case IDENTITY -> x;
            case RELU -> x > 0 ? x : (x == x ? 0.0 : x); // x == x is false only for NaN, which passes through
            case LEAKY_RELU -> x > 0 ? x : x * negativeSlope;
            case SIGMOID -> 1.0 / (1.0 + Math.exp(-x));
            case TANH -> Math.tanh(x);
            case GELU -> x * normalCdf(x);
            case GELU_TANH -> 0.5 * x * (1 + Math.tanh(SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x)));
            case SILU -> x / (1.0 + Math.exp(-x));
            case ELU -> x <= 0 ? alpha * Math.expm1(x) : x; // as PyTorch: NaN takes the second branch
            case SOFTPLUS -> x * beta > threshold ? x : Math.log1p(Math.exp(x * beta)) / beta;
        };
    }

    /**
     * The backward rule for one element, {@code dy f'(x)}, reading whichever of the input
     * {@code x} and the output {@code y = f(x)} PyTorch reads (the table above).
     */
    public double backward(double x, double y, double dy) {
        return switch (kind) {
            case IDENTITY -> dy;
            case RELU -> y <= 0 ? 0.0 : dy; // not y > 0: a NaN output passes dy, as threshold_backward does
            case LEAKY_RELU -> x > 0 ? dy : dy * negativeSlope;
            case SIGMOID -> dy * (1.0 - y) * y;
            case TANH -> dy * (1.0 - y * y);
            case GELU -> dy * (normalCdf(x) + x * INV_SQRT_2PI * Math.exp(-0.5 * x * x));
            case GELU_TANH -> {
                double inner = SQRT_2_OVER_PI * (x + GELU_CUBIC * x * x * x);
                double t = Math.tanh(inner);
                double innerDerivative = SQRT_2_OVER_PI * (1 + 3 * GELU_CUBIC * x * x);
                yield dy * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * innerDerivative);
            }
            case SILU -> {
                double s = 1.0 / (1.0 + Math.exp(-x));
                yield dy * s * (1 + x * (1 - s));
            }
            case ELU -> x <= 0 ? dy * alpha * Math.exp(x) : dy; // not x > 0: NaN passes dy, as elu_backward
            case SOFTPLUS -> {
                double z = Math.exp(x * beta);
                yield x * beta > threshold ? dy : dy * z / (z + 1);
            }
        };
    }

    /** E.g. {@code relu}, {@code leaky_relu(0.2)}, {@code softplus(beta=1.0, threshold=20.0)}. */
    @Override
    public String toString() {
        return switch (kind) {
            case LEAKY_RELU -> kind + "(" + negativeSlope + ")";
            case ELU -> kind + "(alpha=" + alpha + ")";
            case SOFTPLUS -> kind + "(beta=" + beta + ", threshold=" + threshold + ")";
            case IDENTITY, RELU, SIGMOID, TANH, GELU, GELU_TANH, SILU -> kind.toString();
        };
    }
}
