package org.referraldecisions.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.referraldecisions.Fixtures;
import org.referraldecisions.ruleset.RulesetRegistry;

/**
 * locality and disclosureDate: refused with 400 naming the field and nothing recorded; a good locality gives a
 * listing computed from the calendar, and the decision records it.
 */
class ListingInputsTests {

    private static final String CASE = """
            {"caseRef": "L-1", "area": "cleveland", "asOf": "2026-06-10", %s
             "victim": {"age": 27, "relationship": "EX_PARTNER"}, "perpetrator": {"age": 36},
             "professionalJudgement": {"concerned": true, "grounds": ["ESCALATION"], "rationale": "escalating"}}
            """;

    private final AtomicInteger recorded = new AtomicInteger();
    private final DecisionService service = new DecisionService(new RulesetRegistry(Fixtures.catalog()), Fixtures.CLOCK, () -> "id",
            (request, response, ruleset, nanos) -> {
                recorded.incrementAndGet();
                return CompletableFuture.completedFuture(null);
            });

    private DecisionRequestV1 read(String extra) {
        return Fixtures.reader().read(CASE.formatted(extra).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void anUnknownLocalityIsRefusedNamingTheFieldAndNothingIsRecorded() {
        DecisionRequestV1 request = read("\"locality\": \"TS1 2AB\",");
        assertThatThrownBy(() -> service.decide(request)).isInstanceOfSatisfying(InvalidRequestException.class, e -> {
            assertThat(e.errors()).extracting(FieldError::field).containsExactly("locality");
            assertThat(e.errors().get(0).message()).contains("North Tees, South Tees");
        });
        assertThat(recorded).hasValue(0);
    }

    @Test
    void aDisclosureDateAfterAsOfOrBefore1900IsRefusedNamingTheField() {
        assertThatThrownBy(() -> read("\"disclosureDate\": \"2026-06-11\",")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("disclosureDate"));
        assertThatThrownBy(() -> read("\"disclosureDate\": \"1899-12-31\",")).isInstanceOfSatisfying(InvalidRequestException.class,
                e -> assertThat(e.errors()).extracting(FieldError::field).containsExactly("disclosureDate"));
        assertThat(read("\"disclosureDate\": \"2026-06-10\",").disclosureDate()).isEqualTo(LocalDate.of(2026, 6, 10));
    }

    @Test
    void aKnownLocalityIsListedAndRecorded() {
        // 10 June 2026 is itself a South Tees meeting day: that meeting is past its cut-off, the next is 24 June.
        DecisionResponseV1 response = service.decide(read("\"locality\": \"South Tees\","));
        assertThat(response.marac().listing()).isEqualTo(new DecisionResponseV1.Listing(LocalDate.of(2026, 6, 24), "South Tees",
                LocalDate.of(2026, 6, 17), false, null, null, "Cleveland 7.1.1, Cleveland 8.1.4"));
        assertThat(response.actions()).filteredOn(a -> a.code().startsWith("FORWARD_REFERRAL"))
                .extracting(DecisionResponseV1.Action::dueBy).containsExactly(LocalDate.of(2026, 6, 11));
        assertThat(recorded).hasValue(1);
    }
}
