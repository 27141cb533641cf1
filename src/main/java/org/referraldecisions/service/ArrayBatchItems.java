package org.referraldecisions.service;

import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;

import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.exc.JacksonIOException;

/** A batch sent as a JSON array, read item by item from a stream. */
final class ArrayBatchItems implements BatchItems {

    private final JsonParser parser;
    private final RequestLimits limits;
    private final int maxItems;
    private int next;
    private boolean started;
    private boolean done;

    ArrayBatchItems(InputStream body, RequestLimits limits, int maxItems) {
        this.parser = JsonInput.JSON.createParser(new StrictUtf8Reader(body, limits.batchBytes()));
        this.limits = limits;
        this.maxItems = maxItems;
    }

    @Override
    public Item next() {
        if (done) {
            return null;
        }
        int index = next;
        try {
            if (!started) {
                started = true;
                JsonToken first = parser.nextToken();
                if (first != JsonToken.START_ARRAY) {
                    done = true;
                    return Item.refused(0, null, 400, new FieldError(JsonPath.ROOT, first == null
                            ? "is empty: a batch is a JSON array of decision requests"
                            : "must be a JSON array of decision requests (or NDJSON, one per line, sent as application/x-ndjson)"));
                }
            }
            JsonToken token = parser.nextToken();
            if (token == JsonToken.END_ARRAY) {
                done = true;
                FieldError trailing = JsonInput.trailing(parser, "batch array");
                return trailing == null ? null : Item.refused(next, null, 400, trailing);
            }
            next++;
            if (index >= maxItems) {
                parser.skipChildren();
                return Item.refused(index, null, 413, BatchItems.pastMaxItems(maxItems));
            }
            JsonInput.Value value = JsonInput.readValue(parser, false, 1, limits.requestBytes());
            if (value.tooLarge()) {
                return Item.refused(index, null, 413, BatchItems.overRequestSize(limits));
            }
            if (value.error() != null) {
                return unreadable(index, value.error(), value.cause());
            }
            return new Item(index, null, value.tree(), 200, List.of());
        } catch (JacksonException e) {
            return unreadable(index, JsonErrors.syntaxError(e, parser, 1, null), e);
        }
    }

    /** The array cannot be read past a broken item: it is refused, and it is the last. */
    private Item unreadable(int index, FieldError error, JacksonException cause) {
        done = true;
        if (cause instanceof JacksonIOException io) {
            if (io.getCause() instanceof StrictUtf8Reader.TooLarge) {
                return Item.refused(index, null, 413, BatchItems.overBatchSize(limits));
            }
            if (!(io.getCause() instanceof StrictUtf8Reader.NotUtf8)) {
                throw new UncheckedIOException(io.getCause()); // the connection failed, not the content
            }
        }
        return Item.refused(index, null, 400, new FieldError(error.field(), error.message() + "; the items after it could not be read"));
    }

    @Override
    public void close() {
        parser.close();
    }
}
