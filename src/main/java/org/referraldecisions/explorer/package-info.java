/**
 * The decision explorer: server-rendered pages under {@code /explorer} where policy owners try cases and read the rule
 * sets, and review boards compare versions and open, replay and verify logged decisions. A door beside the HTTP API,
 * the command line, the golden runner and replay: it decides through {@code service.DecisionService} and never imports {@code api}.
 */
package org.referraldecisions.explorer;
