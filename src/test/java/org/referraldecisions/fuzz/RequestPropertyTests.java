package org.referraldecisions.fuzz;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.referraldecisions.Fixtures;
import org.referraldecisions.service.DecisionRequestReader;
import org.referraldecisions.service.DecisionService;
import org.referraldecisions.service.FieldError;
import org.referraldecisions.service.InvalidRequestException;

/**
 * The fuzz suite, in process (the reader and the decision service, no HTTP): every valid request from the
 * contract decides; every mutated one is refused with errors that each name a field, and the field that was
 * broken when it is known. Seeds are fixed, so a failure is reproduced by running again.
 */
class RequestPropertyTests {

    private static DecisionRequestReader reader;
    private static DecisionService service;

    @BeforeContainer
    static void rules() {
        reader = Fixtures.reader();
        service = Fixtures.service(Fixtures.catalog());
    }

    @Property(tries = 1500, seed = "20261128")
    void everyValidRequestDecides(@ForAll long seed) {
        RequestGenerator.Sample sample = RequestGenerator.valid(seed);
        assertThat(service.decide(reader.read(sample.body()))).as(sample.text()).isNotNull();
    }

    @Property(tries = 3000, seed = "20261128")
    void everyInvalidRequestNamesItsField(@ForAll long seed, @ForAll RequestGenerator.Mutation mutation) {
        RequestGenerator.Sample sample = RequestGenerator.invalid(seed, mutation);
        Throwable refused = catchThrowable(() -> reader.read(sample.body()));
        assertThat(refused).as(sample.text()).isInstanceOf(InvalidRequestException.class);
        List<FieldError> errors = ((InvalidRequestException) refused).errors();
        assertThat(errors).as(sample.text()).isNotEmpty();
        assertThat(errors).as(sample.text()).allSatisfy(e -> assertThat(e.field()).isNotBlank());
        if (sample.field() != null) {
            assertThat(errors).as(sample.text()).noneSatisfy(e -> assertThat(e.field()).isEqualTo("$"));
            assertThat(errors.stream().map(FieldError::field)).as(sample.text()).contains(sample.field());
        }
    }
}
