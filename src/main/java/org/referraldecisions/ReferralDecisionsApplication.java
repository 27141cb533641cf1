package org.referraldecisions;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The Referral Decision Service: applies the MARAC and MAPPA protocols to a case over HTTP. */
@SpringBootApplication
public class ReferralDecisionsApplication {

    public static void main(String[] args) {
        SpringApplication.run(ReferralDecisionsApplication.class, args);
    }
}
