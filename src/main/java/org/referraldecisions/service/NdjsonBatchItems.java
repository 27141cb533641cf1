package org.referraldecisions.service;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;

/**
 * A batch sent as NDJSON: one request per line, each line read on its own, so a line that is not JSON is
 * refused with its line number and the lines after it are still read. Blank lines are skipped (they still
 * count as lines). A line is held in memory only up to the size of one request.
 */
final class NdjsonBatchItems implements BatchItems {

    private final InputStream in;
    private final RequestLimits limits;
    private final int maxItems;
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int end;
    private long consumed;
    private boolean eof;
    private boolean overBatchSize;
    private boolean done;
    private int lineNumber;
    private int next;
    /** The line being read: its bytes up to one request's size and one more (for a carriage return). */
    private byte[] line = new byte[1024];
    private int kept;
    /** The line's length, however long. */
    private long lineLength;

    NdjsonBatchItems(InputStream in, RequestLimits limits, int maxItems) {
        this.in = in;
        this.limits = limits;
        this.maxItems = maxItems;
    }

    @Override
    public Item next() throws IOException {
        while (!done) {
            boolean complete = readLine();
            if (!complete && lineLength == 0 && !overBatchSize) {
                done = true;
                return null;
            }
            lineNumber++;
            if (!complete && overBatchSize) {
                done = true;
                return Item.refused(next, lineNumber, 413, BatchItems.overBatchSize(limits));
            }
            if (blank()) {
                continue;
            }
            int index = next++;
            if (index >= maxItems) {
                return Item.refused(index, lineNumber, 413, BatchItems.pastMaxItems(maxItems));
            }
            if (lineLength > limits.requestBytes()) {
                return Item.refused(index, lineNumber, 413, BatchItems.overRequestSize(limits));
            }
            try {
                return new Item(index, lineNumber, JsonInput.read(line, 0, kept), 200, List.of());
            } catch (InvalidRequestException e) {
                return new Item(index, lineNumber, null, 400, e.errors());
            }
        }
        return null;
    }

    /**
     * Reads up to the next line feed into {@link #line} (without it, or a carriage return before it); bytes
     * past one request's size are counted, not kept. False at the end of the body.
     */
    private boolean readLine() throws IOException {
        lineLength = 0;
        kept = 0;
        while (true) {
            if (position == end && !fill()) {
                return false;
            }
            int start = position;
            while (position < end && buffer[position] != '\n') {
                position++;
            }
            keep(start, position - start);
            if (position < end) {
                position++; // the line feed
                if (lineLength > 0 && lineLength == kept && line[kept - 1] == '\r') {
                    lineLength--;
                    kept--;
                }
                return true;
            }
        }
    }

    private void keep(int from, int length) {
        int room = (int) Math.max(0, Math.min(length, Math.min(limits.requestBytes() + 1, Integer.MAX_VALUE - 16) - kept));
        if (room > 0) {
            if (kept + room > line.length) {
                line = Arrays.copyOf(line, Math.max(kept + room, line.length * 2));
            }
            System.arraycopy(buffer, from, line, kept, room);
            kept += room;
        }
        lineLength += length;
    }

    private boolean fill() throws IOException {
        if (eof || overBatchSize) {
            return false;
        }
        int n = in.read(buffer, 0, buffer.length);
        if (n < 0) {
            eof = true;
            return false;
        }
        consumed += n;
        position = 0;
        end = n;
        if (consumed > limits.batchBytes()) {
            end -= (int) (consumed - limits.batchBytes()); // the lines that end within the limit are still read
            overBatchSize = true;
        }
        return true;
    }

    private boolean blank() {
        if (lineLength > kept) {
            return false;
        }
        for (int i = 0; i < kept; i++) {
            byte b = line[i];
            if (b != ' ' && b != '\t' && b != '\r') {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
