/**
 * HTTP only: controllers, problem+json errors, security and the web wiring. Everything they decide
 * through (the door, the v1 wire types, strict request reading) is in {@code service}; nothing outside
 * this package depends on it.
 */
package org.referraldecisions.api;
