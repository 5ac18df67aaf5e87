package org.backprop4j.bench.soak;

import java.io.IOException;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The memory a JVM holds at one moment of a soak run, in bytes: the heap in use after a full
 * collection, the NIO direct buffers, JavaCPP's off-heap allocations (ND4J's tensors live there)
 * as JavaCPP counts them ({@code Pointer.totalBytes()}, -1 when not measured) and the process's
 * resident set size ({@code VmRSS} of {@code /proc/self/status}, -1 where there is none).
 *
 * @param step     training steps done when it was taken
 * @param heap     heap used after {@code System.gc()}
 * @param direct   NIO direct buffers in use
 * @param javacpp  JavaCPP's {@code Pointer.totalBytes()}, or -1
 * @param physical JavaCPP's {@code Pointer.physicalBytes()} (the process's physical memory as JavaCPP sees it), or -1
 * @param rss      resident set size, or -1
 */
public record MemorySample(long step, long heap, long direct, long javacpp, long physical, long rss) {
    private static final Path STATUS = Path.of("/proc/self/status");

    /** Takes a sample after collecting garbage; {@code offHeap} says whether to ask JavaCPP (loads its natives). */
    public static MemorySample take(long step, boolean offHeap) {
        for (int i = 0; i < 2; i++) {
            System.gc(); // twice: the first run may only queue finalizable objects and references
        }
        long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        long direct = 0;
        for (BufferPoolMXBean pool : ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class)) {
            if (pool.getName().equals("direct")) {
                direct = pool.getMemoryUsed();
            }
        }
        long javacpp = offHeap ? org.bytedeco.javacpp.Pointer.totalBytes() : -1;
        long physical = offHeap ? org.bytedeco.javacpp.Pointer.physicalBytes() : -1;
        return new MemorySample(step, heap, direct, javacpp, physical, residentSetSize());
    }

    /** The resident set size from {@code /proc/self/status}, or -1 where there is none. */
    static long residentSetSize() {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }
}
