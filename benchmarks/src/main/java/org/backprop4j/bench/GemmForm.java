package org.backprop4j.bench;

/**
 * The three matrix products a linear layer's training step uses, {@code C = op(A) op(B)}:
 * the forward pass {@code y = x W^T} is {@link #A_BT}, the weight gradient {@code dW = dy^T x}
 * is {@link #AT_B}, the input gradient {@code dx = dy W} is {@link #A_B}.
 */
public enum GemmForm {
    A_B("AB", "A B", false, false),
    AT_B("ATB", "A^T B", true, false),
    A_BT("ABT", "A B^T", false, true);

    private final String id;
    private final String formula;
    private final boolean transposeA;
    private final boolean transposeB;

    GemmForm(String id, String formula, boolean transposeA, boolean transposeB) {
        this.id = id;
        this.formula = formula;
        this.transposeA = transposeA;
        this.transposeB = transposeB;
    }

    /** The {@code @Param} value: {@code AB}, {@code ATB} or {@code ABT}. */
    public String id() {
        return id;
    }

    /** As written in reports: {@code A B}, {@code A^T B}, {@code A B^T}. */
    public String formula() {
        return formula;
    }

    public boolean transposeA() {
        return transposeA;
    }

    public boolean transposeB() {
        return transposeB;
    }

    /**
     * The form whose {@link #id()} is {@code id}.
     *
     * @throws IllegalArgumentException naming the value found and the values allowed
     */
    public static GemmForm fromId(String id) {
        for (GemmForm f : values()) {
            if (f.id.equals(id)) {
                return f;
            }
        }
        throw new IllegalArgumentException("gemm form '" + id + "' is unknown; allowed: AB, ATB, ABT");
    }
}
