package org.referraldecisions.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import tools.jackson.databind.JsonNode;

/**
 * The items of a batch, read one at a time from its body: a JSON array of decision requests, or NDJSON (one
 * per line). Each item comes as a JSON tree to validate and decide, or refused with its own status and
 * errors; reading never fails the batch as a whole. Every limit is applied while reading, before an
 * oversized part is held in memory: the batch's size, one item's size, the number of items.
 *
 * <p>In NDJSON each line stands alone: a line that is not JSON is refused with its line number and the lines
 * after it are read. In a JSON array a syntax or encoding error ends the array (nothing after it can be told
 * apart), so that item is refused and no more are read.
 */
public interface BatchItems extends AutoCloseable {

    /**
     * One item. {@code request} is the item to validate and decide, or null when the item is refused with
     * {@code status} (400 not readable, 413 over a limit) and {@code errors}. {@code line} is its line in an
     * NDJSON body (null in an array).
     */
    record Item(int index, Integer line, JsonNode request, int status, List<FieldError> errors) {

        static Item refused(int index, Integer line, int status, FieldError error) {
            return new Item(index, line, null, status, List.of(error));
        }
    }

    /** The next item, or null after the last; input problems are refused items, only a failing connection throws. */
    Item next() throws IOException;

    @Override
    void close() throws IOException;

    static BatchItems array(InputStream body, RequestLimits limits, int maxItems) {
        return new ArrayBatchItems(body, limits, maxItems);
    }

    static BatchItems ndjson(InputStream body, RequestLimits limits, int maxItems) {
        return new NdjsonBatchItems(body, limits, maxItems);
    }

    /** The refusal of an item past the batch's most items. */
    static FieldError pastMaxItems(int maxItems) {
        return new FieldError(JsonPath.ROOT, "is past the limit of " + maxItems + " requests in a batch (referrals.batch.max-items); it was not read");
    }

    /** The refusal of an item larger than one request may be. */
    static FieldError overRequestSize(RequestLimits limits) {
        return new FieldError(JsonPath.ROOT, "is larger than " + limits.requestBytes()
                + " bytes, the limit for one request (referrals.limits.request-size); it was not read");
    }

    /** The refusal of the item the batch's size limit was reached in. */
    static FieldError overBatchSize(RequestLimits limits) {
        return new FieldError(JsonPath.ROOT, "was not read: the batch is larger than " + limits.batchBytes()
                + " bytes (referrals.limits.batch-size), so it and the items after it were not read");
    }
}
