package org.referraldecisions.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Reading a batch's items: each stands alone, limits apply while reading, a broken line is reported with its number. */
class BatchItemsTests {

    private static final String CASE = "{\"caseRef\":\"B-1\",\"area\":\"cleveland\"}";
    private static final RequestLimits LIMITS = new RequestLimits(200, 10_000, 1000, 64, 20, 20, 4000, 100);

    @Test
    void aBrokenNdjsonLineIsAnItemErrorWithItsLineAndLaterLinesAreRead() throws IOException {
        List<BatchItems.Item> items = ndjson(CASE + "\n{\"caseRef\":\n\n  \r\n" + CASE + "\r\n" + CASE, 10);
        assertThat(items).extracting(BatchItems.Item::index).containsExactly(0, 1, 2, 3);
        assertThat(items).extracting(BatchItems.Item::line).containsExactly(1, 2, 5, 6);
        assertThat(items).extracting(BatchItems.Item::status).containsExactly(200, 400, 200, 200);
        assertThat(items.get(1).errors()).extracting(FieldError::field).containsExactly("caseRef");
        assertThat(items.get(2).request().path("caseRef").asString()).isEqualTo("B-1");
    }

    @Test
    void ndjsonLinesAreStrictDocuments() throws IOException {
        byte[] overlong = RequestEdgesTests.splice("{\"caseRef\":\"a#b\"}\n" + CASE + "\n" + CASE + " x\n", new byte[] {(byte) 0xC0, (byte) 0xAF});
        List<BatchItems.Item> items = read(BatchItems.ndjson(new ByteArrayInputStream(overlong), LIMITS, 10));
        assertThat(items).extracting(BatchItems.Item::status).containsExactly(400, 200, 400);
        assertThat(items.get(0).errors().get(0).field()).isEqualTo("caseRef");
        assertThat(items.get(0).errors().get(0).message()).contains("not valid UTF-8");
        assertThat(items.get(2).errors().get(0).message()).contains("more after the end");
    }

    @Test
    void ndjsonLinesOverTheRequestLimitAndItemsPastTheMostAreRefusedUnread() throws IOException {
        String big = "{\"caseRef\":\"" + "x".repeat(300) + "\"}";
        List<BatchItems.Item> items = ndjson(big + "\n" + CASE + "\n" + CASE + "\n" + CASE + "\n", 3);
        assertThat(items).extracting(BatchItems.Item::status).containsExactly(413, 200, 200, 413);
        assertThat(items.get(0).errors().get(0).message()).contains("200 bytes", "referrals.limits.request-size");
        assertThat(items.get(3).errors().get(0).message()).contains("referrals.batch.max-items");
    }

    @Test
    void aBodyOverTheBatchLimitStopsWhereTheLimitIs() throws IOException {
        RequestLimits small = new RequestLimits(200, 100, 1000, 64, 20, 20, 4000, 100);
        String body = CASE + "\n" + CASE + "\n" + CASE + "\n" + CASE + "\n";
        List<BatchItems.Item> ndjson = read(BatchItems.ndjson(trickle(body), small, 10));
        assertThat(ndjson).extracting(BatchItems.Item::status).containsExactly(200, 200, 413);
        assertThat(ndjson.get(2).errors().get(0).message()).contains("referrals.limits.batch-size");
        List<BatchItems.Item> array = read(BatchItems.array(trickle("[" + body.replace("\n", ",") + CASE + "]"), small, 10));
        assertThat(array).extracting(BatchItems.Item::status).containsExactly(200, 200, 413);
    }

    @Test
    void anArrayWithTrailingContentGetsAnItemErrorForIt() throws IOException {
        List<BatchItems.Item> items = array("[" + CASE + "," + CASE + "] garbage", 10);
        assertThat(items).extracting(BatchItems.Item::status).containsExactly(200, 200, 400);
        assertThat(items.get(2).index()).isEqualTo(2);
        assertThat(items.get(2).errors().get(0).message()).contains("more after the end of the batch array");
        assertThat(array("[" + CASE + "]  \n", 10)).hasSize(1);
    }

    @Test
    void anArrayItemTooLargeIsSkippedAndTheNextIsRead() throws IOException {
        String big = "{\"caseRef\":\"" + "x".repeat(300) + "\",\"victim\":{\"age\":[1,2,3]}}";
        List<BatchItems.Item> items = array("[" + CASE + "," + big + "," + CASE + "," + CASE + "]", 3);
        assertThat(items).extracting(BatchItems.Item::status).containsExactly(200, 413, 200, 413);
    }

    @Test
    void aBrokenArrayItemIsRefusedAtItsFieldAndEndsTheArray() throws IOException {
        List<BatchItems.Item> items = array("[" + CASE + ",{\"caseRef\":\"a\",\"victim\":{\"age\":3x}}," + CASE + "]", 10);
        assertThat(items).extracting(BatchItems.Item::status).containsExactly(200, 400);
        assertThat(items.get(1).errors().get(0).field()).isEqualTo("victim.age");
        assertThat(items.get(1).errors().get(0).message()).contains("could not be read");
        byte[] overlong = RequestEdgesTests.splice("[" + CASE + ",{\"caseRef\":\"a#b\"}," + CASE + "]", new byte[] {(byte) 0xC0, (byte) 0xAF});
        List<BatchItems.Item> encoded = read(BatchItems.array(new ByteArrayInputStream(overlong), LIMITS, 10));
        assertThat(encoded).extracting(BatchItems.Item::status).containsExactly(200, 400);
        assertThat(encoded.get(1).errors().get(0).field()).isEqualTo("caseRef");
        assertThat(encoded.get(1).errors().get(0).message()).contains("not valid UTF-8");
    }

    @Test
    void aBatchThatIsNotAnArrayIsOneRefusedItem() throws IOException {
        assertThat(array(CASE, 10)).extracting(BatchItems.Item::status).containsExactly(400);
        assertThat(array("", 10).get(0).errors().get(0).message()).startsWith("is empty");
        assertThat(array("[]", 10)).isEmpty();
        assertThat(ndjson("", 10)).isEmpty();
    }

    private static List<BatchItems.Item> ndjson(String body, int maxItems) throws IOException {
        return read(BatchItems.ndjson(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIMITS, maxItems));
    }

    private static List<BatchItems.Item> array(String body, int maxItems) throws IOException {
        return read(BatchItems.array(new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)), LIMITS, maxItems));
    }

    private static List<BatchItems.Item> read(BatchItems batch) throws IOException {
        List<BatchItems.Item> items = new ArrayList<>();
        try (batch) {
            for (BatchItems.Item item = batch.next(); item != null; item = batch.next()) {
                items.add(item);
            }
        }
        return items;
    }

    /** A body that arrives a few bytes at a time, as a chunked upload does: no length known in advance. */
    private static InputStream trickle(String body) {
        return new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 7));
            }
        };
    }
}
