package org.backprop4j.spark;

/** {@link OneMachineEqualityContract} on {@code local[2]}: two task threads, no retries. */
class Local2EqualityTest extends OneMachineEqualityContract {
    @Override
    String master() {
        return "local[2]";
    }
}
