package org.backprop4j.api;

import java.util.EnumMap;
import java.util.Map;

/**
 * The names the facade's error messages give enum-parameterised ops, e.g. {@code binary(ADD)},
 * made once so that checking an op's arguments allocates nothing.
 */
final class OpNames {
    private static final Map<BinaryOp, String> BINARY = names(BinaryOp.class, "binary");
    private static final Map<UnaryOp, String> UNARY = names(UnaryOp.class, "unary");
    private static final Map<ReduceOp, String> REDUCE = names(ReduceOp.class, "rowReduce");
    private static final Map<BinaryOp, String> ROW_BROADCAST = names(BinaryOp.class, "rowBroadcast");
    private static final Map<Activation.Kind, String> FORWARD = names(Activation.Kind.class, "activation");
    private static final Map<Activation.Kind, String> BACKWARD = names(Activation.Kind.class, "activationBackward");

    private OpNames() {
    }

    private static <E extends Enum<E>> Map<E, String> names(Class<E> type, String family) {
        Map<E, String> names = new EnumMap<>(type);
        for (E e : type.getEnumConstants()) {
            names.put(e, family + "(" + e + ")");
        }
        return names;
    }

    static String of(BinaryOp op) {
        return BINARY.get(op);
    }

    static String of(UnaryOp op) {
        return UNARY.get(op);
    }

    static String of(ReduceOp op) {
        return REDUCE.get(op);
    }

    static String rowBroadcast(BinaryOp op) {
        return ROW_BROADCAST.get(op);
    }

    static String forward(Activation f) {
        return FORWARD.get(f.kind());
    }

    static String backward(Activation f) {
        return BACKWARD.get(f.kind());
    }
}
