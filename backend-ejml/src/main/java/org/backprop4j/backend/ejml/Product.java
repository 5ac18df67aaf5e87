package org.backprop4j.backend.ejml;

/**
 * Which of EJML's four matrix products computes {@code op(a) op(b)} for the transpose flags of a
 * gemm, so that no transpose is ever materialised: {@code mult}, {@code multTransA},
 * {@code multTransB} and {@code multTransAB} (and their {@code multAdd} twins).
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
}
