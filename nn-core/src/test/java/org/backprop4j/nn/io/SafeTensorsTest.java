package org.backprop4j.nn.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.backprop4j.api.DType;
import org.junit.jupiter.api.Test;

/**
 * The layout is checked byte for byte against what the reference implementation (Hugging Face
 * safetensors, Rust) writes for the same tensors, as its own serialization tests pin it down.
 */
class SafeTensorsTest {

    static StoredTensor f32(int[] shape, double... data) {
        return new StoredTensor(DType.FLOAT32, shape, data);
    }

    static byte[] file(String header, byte[] data) {
        byte[] h = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer b = ByteBuffer.allocate(8 + h.length + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(h.length).put(h).put(data);
        return b.array();
    }

    static byte[] floats(float... values) {
        ByteBuffer b = ByteBuffer.allocate(4 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (float v : values) {
            b.putFloat(v);
        }
        return b.array();
    }

    @Test
    void writesTheReferenceLayout() {
        byte[] bytes = SafeTensors.encode(Map.of("attn.0", f32(new int[] {1, 2, 3}, 0, 1, 2, 3, 4, 5)));
        String header = "{\"attn.0\":{\"dtype\":\"F32\",\"shape\":[1,2,3],\"data_offsets\":[0,24]}}";
        assertThat(header).hasSize(64); // a multiple of 8 already: no padding
        assertThat(bytes).isEqualTo(file(header, floats(0, 1, 2, 3, 4, 5)));
    }

    @Test
    void padsTheHeaderWithSpacesToAMultipleOfEight() {
        byte[] bytes = SafeTensors.encode(Map.of("attn0", f32(new int[] {1, 1, 2, 3}, 0, 1, 2, 3, 4, 5)));
        String header = "{\"attn0\":{\"dtype\":\"F32\",\"shape\":[1,1,2,3],\"data_offsets\":[0,24]}}";
        assertThat(header).hasSize(65);
        assertThat(bytes).isEqualTo(file(header + "       ", floats(0, 1, 2, 3, 4, 5)));
        assertThat(SafeTensors.encode(Map.of())).isEqualTo(file("{}      ", new byte[0]));
    }

    @Test
    void roundTripsBothDtypesBitForBit() throws Exception {
        Map<String, StoredTensor> tensors = new LinkedHashMap<>();
        tensors.put("0.weight", new StoredTensor(DType.FLOAT64, new int[] {2, 3},
                new double[] {Math.PI, -0.0, Double.MIN_VALUE, Double.MAX_VALUE, Double.NaN,
                        Double.NEGATIVE_INFINITY}));
        tensors.put("0.bias", f32(new int[] {2}, 0.1, -1e-40));
        tensors.put("scalar", new StoredTensor(DType.FLOAT64, new int[] {}, new double[] {7}));
        tensors.put("empty", f32(new int[] {0, 4}));
        Map<String, StoredTensor> back = SafeTensors.decode(SafeTensors.encode(tensors), "memory");
        assertThat(back.keySet()).containsExactly("0.weight", "0.bias", "scalar", "empty");
        for (String key : tensors.keySet()) {
            assertThat(back.get(key).dtype()).isEqualTo(tensors.get(key).dtype());
            assertThat(back.get(key).shape()).isEqualTo(tensors.get(key).shape());
            assertThat(bits(back.get(key).data())).as(key).isEqualTo(bits(tensors.get(key).data()));
        }
        assertThat(back.get("0.bias").data()[0]).isEqualTo((float) 0.1);
    }

    @Test
    void readsAnyHeaderOrderWithMetadata() throws Exception {
        // data of "b" comes first although "a" is listed first; metadata is ignored
        String header = "{\"__metadata__\":{\"format\":\"pt\"},"
                + "\"a\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[4,8]},"
                + "\"b\":{\"dtype\":\"F32\",\"shape\":[1],\"data_offsets\":[0,4]}}";
        Map<String, StoredTensor> t = SafeTensors.decode(file(header, floats(2, 1)), "f");
        assertThat(t.keySet()).containsExactly("a", "b");
        assertThat(t.get("a").data()).containsExactly(1);
        assertThat(t.get("b").data()).containsExactly(2);
    }

    @Test
    void rejectsMalformedFilesNamingTheProblem() {
        String ok = "\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[0,8]}";
        assertRejected(new byte[5], "5 bytes; a safetensors file starts with an 8-byte header length");
        byte[] longHeader = file("{}", new byte[0]);
        longHeader[0] = 100;
        assertRejected(longHeader, "header length 100 runs past the end of the file");
        byte[] hugeHeader = file("{}", new byte[0]);
        hugeHeader[7] = (byte) 0x80;
        assertRejected(hugeHeader, "header length 9223372036854775810 exceeds");
        assertRejected(file("[1]", new byte[0]), "header does not start with '{'");
        assertRejected(file("{\"t\":", new byte[0]), "header is not valid JSON");
        assertRejected(file("{" + ok + "," + ok + "}", floats(1, 2)), "not valid JSON: Duplicate field 't'");
        assertRejected(file("{\"t\":{\"dtype\":\"F16\",\"shape\":[2],\"data_offsets\":[0,4]}}", new byte[4]),
                "tensor 't' has dtype F16; supported: F32, F64");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", floats(1, 2)),
                "tensor 't' spans 8 bytes; its shape [3] of F32 needs 12");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[4,12]}}", floats(0, 1, 2)),
                "tensor 't' has data_offsets [4, 12]; expected to begin at 0");
        assertRejected(file("{" + ok + "}", floats(1, 2, 3)), "the tensors cover 8 bytes of a data section of 12");
        assertRejected(file("{\"t\":{\"dtype\":\"F32\",\"shape\":[-2],\"data_offsets\":[0,8]}}", floats(1, 2)),
                "has shape [-2]");
        assertRejected(file("{\"__metadata__\":{\"n\":1}}", new byte[0]), "__metadata__.n is 1; expected a string");
        assertRejected(utf8Broken(), "header is not valid UTF-8");
    }

    private static byte[] utf8Broken() {
        byte[] f = file("{\"x\":1}", new byte[0]);
        f[10] = (byte) 0xff;
        return f;
    }

    private static void assertRejected(byte[] bytes, String message) {
        assertThatThrownBy(() -> SafeTensors.decode(bytes, "weights.safetensors"))
                .isInstanceOf(ModelFormatException.class)
                .hasMessageStartingWith("weights.safetensors: ")
                .hasMessageContaining(message);
    }

    @Test
    void refusesTheReservedKeyAndWrongElementCounts() {
        assertThatThrownBy(() -> SafeTensors.encode(Map.of("__metadata__", f32(new int[] {1}, 1))))
                .hasMessageContaining("reserved");
        assertThatThrownBy(() -> f32(new int[] {2, 2}, 1, 2, 3))
                .hasMessageContaining("tensor of shape [2, 2] has 3 elements; expected 4");
    }

    @Test
    void writesLittleEndianDoubles() {
        byte[] bytes = SafeTensors.encode(Map.of("x", new StoredTensor(DType.FLOAT64, new int[] {1}, new double[] {1.0})));
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.writeBytes(new byte[] {0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f}); // 1.0 = 0x3ff0000000000000
        assertThat(Arrays.copyOfRange(bytes, bytes.length - 8, bytes.length)).isEqualTo(expected.toByteArray());
    }

    private static long[] bits(double[] v) {
        return Arrays.stream(v).mapToLong(Double::doubleToRawLongBits).toArray();
    }
}
