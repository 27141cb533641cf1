package org.referraldecisions.service;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.StandardCharsets;

/**
 * A request body read as UTF-8 text, strictly and no further than a limit. Unlike an
 * {@link java.io.InputStreamReader}, it gives every character before a malformed byte and only then fails,
 * saying where: so a batch's items before the bad byte are read and the item holding it is the one refused.
 * Malformed means what the JDK's decoder refuses: stray continuation bytes, overlong forms such as
 * {@code C0 AF}, encoded surrogates, code points past U+10FFFF, a sequence cut short.
 */
final class StrictUtf8Reader extends Reader {

    /** The text is not UTF-8 at {@link #byteOffset()}. */
    static final class NotUtf8 extends IOException {
        private final long byteOffset;

        NotUtf8(long byteOffset) {
            super("not UTF-8 at byte " + byteOffset, null);
            this.byteOffset = byteOffset;
        }

        long byteOffset() {
            return byteOffset;
        }
    }

    /** The body is longer than the limit; nothing past it was read. */
    static final class TooLarge extends IOException {
        TooLarge(long maxBytes) {
            super("longer than " + maxBytes + " bytes", null);
        }
    }

    private final InputStream in;
    private final long maxBytes;
    private final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder(); // reports malformed input, never replaces it
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private long consumed;
    private boolean eof;
    private boolean first = true;
    private IOException failure;

    StrictUtf8Reader(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    @Override
    public int read(char[] chars, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(chars, offset, length);
        while (out.position() == offset) {
            if (failure != null) {
                throw failure;
            }
            CoderResult result = decoder.decode(bytes, out, eof);
            if (result.isError()) {
                failure = new NotUtf8(consumed - bytes.remaining()); // the characters before it go out first
            } else if (result.isOverflow()) {
                break;
            } else if (eof) {
                decoder.flush(out);
                if (out.position() == offset) {
                    return -1;
                }
            } else {
                fill();
            }
        }
        int n = out.position() - offset;
        if (first && chars[offset] == '\uFEFF') { // a byte order mark: RFC 8259 lets a reader ignore it
            first = false;
            System.arraycopy(chars, offset + 1, chars, offset, --n);
            return n == 0 ? read(chars, offset, length) : n;
        }
        first = false;
        return n;
    }

    private void fill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
            consumed += n;
            if (consumed > maxBytes) {
                failure = new TooLarge(maxBytes);
            }
        }
        bytes.flip();
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
