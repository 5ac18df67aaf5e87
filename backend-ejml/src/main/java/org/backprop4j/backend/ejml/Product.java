package org.backprop4j.backend.ejml;

/**
 * Which of EJML's four matrix products computes {@code op(a) op(b)} for the transpose flags of a
 * gemm: {@code mult}, {@code multTransA}, {@code multTransB} and {@code multTransAB} (and their
 * {@code multAdd} twins). None of them materialises a transpose; {@link EjmlOps} copies
 * {@code b^T} itself when that is faster (see {@link #withBTransposed()}).
 */
enum Product {
    /** {@code a b}. */
    A_B,
    /** {@code a^T b}. */
    AT_B,
    /** {@code a b^T}. */
    A_BT,
    /** {@code a^T b^T}. */
    AT_BT;

    static Product of(boolean transposeA, boolean transposeB) {
        if (transposeA) {
            return transposeB ? AT_BT : AT_B;
        }
        return transposeB ? A_BT : A_B;
    }

    /** Whether {@code b} enters transposed: {@link #A_BT} and {@link #AT_BT}. */
    boolean transposesB() {
        return this == A_BT || this == AT_BT;
    }

    /**
     * The product to call once {@code b^T} has been copied into a matrix of its own:
     * {@code A_BT -> A_B}, {@code AT_BT -> AT_B}; the others are returned unchanged.
     */
    Product withBTransposed() {
        return switch (this) {
            case A_BT -> A_B;
            case AT_BT -> AT_B;
            case A_B, AT_B -> this;
        };
    }
}
