package org.referraldecisions.api;

import org.referraldecisions.service.RequestLimits;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code referrals.limits.*}: how much of a request the service reads (README "Limits"). Defaults are
 * {@link RequestLimits#DEFAULTS}, as in application.properties.
 */
@ConfigurationProperties("referrals.limits")
record LimitSettings(
        @DefaultValue("128KB") DataSize requestSize,
        @DefaultValue("16MB") DataSize batchSize,
        @DefaultValue("1000") int policeIncidents,
        @DefaultValue("64") int dashAnswers,
        @DefaultValue("20") int grounds,
        @DefaultValue("20") int incidentTypes,
        @DefaultValue("4000") int rationaleLength,
        @DefaultValue("100") int errors) {

    RequestLimits requestLimits() {
        return new RequestLimits(requestSize.toBytes(), batchSize.toBytes(), policeIncidents, dashAnswers, grounds, incidentTypes,
                rationaleLength, errors);
    }
}
