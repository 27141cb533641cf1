/**
 * The one door every caller decides through (HTTP, CLI, golden runner, replay): {@code DecisionService},
 * the v1 wire types, and strict reading of requests (every offending field named, nothing half-read).
 * Not HTTP: no Spring web types here.
 */
package org.referraldecisions.service;
