/**
 * The command line for policy owners, in the same jar: {@code decide}, {@code test}, {@code check}
 * and {@code reload}. Thin shells over the same engine, reader and golden runner the server uses;
 * no web server is started.
 */
package org.referraldecisions.cli;
