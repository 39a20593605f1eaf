package io.stockledger.query.reservation;

import static io.stockledger.query.Ledger.line;
import static io.stockledger.query.Ledger.position;
import static io.stockledger.query.Ledger.rejection;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.OrderReference;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Refusal;
import io.stockledger.api.common.ReservationId;
import io.stockledger.api.reservation.FindReservations;
import io.stockledger.api.reservation.GetReservation;
import io.stockledger.api.reservation.ReservationPage;
import io.stockledger.api.reservation.ReservationStatus;
import io.stockledger.api.reservation.ReservationView;
import io.stockledger.query.Ledger;
import io.stockledger.query.Projections;
import io.stockledger.query.QuerySideTest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryExecutionException;
import org.axonframework.queryhandling.QueryGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Given a few reservations, the reservation queries find exactly the ones each filter names, in reservation id
 * order:
 *
 * <pre>
 * RES-A  WEB     SO-1  CONFIRMED  expires 2024-06-02T08:00Z
 * RES-B  WEB     SO-2  RELEASED   expires 2024-06-02T12:00Z
 * RES-C  B2B     SO-1  EXPIRED    expires 2024-06-01T09:00Z
 * RES-D  B2B     SO-3  REJECTED   (no expiry)
 * RES-E  WEB     SO-3  FULFILLED  expires 2024-06-03T08:00Z
 * </pre>
 */
@QuerySideTest
class ReservationQueriesTest {

    private static final PositionId WIDGET_AT_EAST = position("WIDGET-EA", "DC-EAST");

    @Autowired
    Projections projections;

    @Autowired
    QueryGateway queries;

    @BeforeEach
    void givenSomeReservations() {
        projections.clear();
        Ledger ledger = new Ledger().startingAt(0);
        projections.given(
                ledger.confirmed("RES-E", "WEB", "SO-3", "2024-06-03T08:00:00Z", line(WIDGET_AT_EAST, 1)),
                ledger.confirmed("RES-A", "WEB", "SO-1", "2024-06-02T08:00:00Z", line(WIDGET_AT_EAST, 1)),
                ledger.confirmed("RES-B", "WEB", "SO-2", "2024-06-02T12:00:00Z", line(WIDGET_AT_EAST, 1)),
                ledger.confirmed("RES-C", "B2B", "SO-1", "2024-06-01T09:00:00Z", line(WIDGET_AT_EAST, 1)),
                ledger.rejected(
                        "RES-D", "B2B", "SO-3", List.of(line(WIDGET_AT_EAST, 50)), rejection(WIDGET_AT_EAST, 50, 6)),
                ledger.released("RES-B", line(WIDGET_AT_EAST, 1)),
                ledger.expired("RES-C", "2024-06-01T09:00:00Z", line(WIDGET_AT_EAST, 1)),
                ledger.fulfilled("RES-E", "SHP-1", "2024-06-01T10:00:00Z", line(WIDGET_AT_EAST, 1)));
    }

    @Test
    void getsOneReservationById() {
        Optional<ReservationView> found = get("RES-C");

        assertThat(found).hasValueSatisfying(view -> {
            assertThat(view.status()).isEqualTo(ReservationStatus.EXPIRED);
            assertThat(view.eventPosition()).isEqualTo(6);
        });
    }

    @Test
    void anUnknownReservationHasNoView() {
        assertThat(get("RES-Z")).isEmpty();
    }

    @Test
    void withoutFiltersFindsEveryReservationInIdOrder() {
        assertThat(ids(find())).containsExactly("RES-A", "RES-B", "RES-C", "RES-D", "RES-E");
    }

    @Test
    void filtersByOrderReference() {
        assertThat(ids(find().orderReference("SO-1"))).containsExactly("RES-A", "RES-C");
        assertThat(ids(find().orderReference("SO-9"))).isEmpty();
    }

    @Test
    void filtersByChannel() {
        assertThat(ids(find().channel("B2B"))).containsExactly("RES-C", "RES-D");
    }

    @Test
    void filtersByStatus() {
        assertThat(ids(find().status(ReservationStatus.CONFIRMED))).containsExactly("RES-A");
        assertThat(ids(find().status(ReservationStatus.RELEASED))).containsExactly("RES-B");
        assertThat(ids(find().status(ReservationStatus.EXPIRED))).containsExactly("RES-C");
        assertThat(ids(find().status(ReservationStatus.REJECTED))).containsExactly("RES-D");
        assertThat(ids(find().status(ReservationStatus.FULFILLED))).containsExactly("RES-E");
    }

    @Test
    void filtersByExpiryFromInclusiveToExclusive() {
        assertThat(ids(find().expiring("2024-06-02T08:00:00Z", "2024-06-03T08:00:00Z")))
                .containsExactly("RES-A", "RES-B");
        assertThat(ids(find().expiring("2024-06-02T08:00:00.001Z", null))).containsExactly("RES-B", "RES-E");
        assertThat(ids(find().expiring(null, "2024-06-02T08:00:00Z"))).containsExactly("RES-C");
    }

    @Test
    void aRejectedReservationIsInNoExpiryWindow() {
        assertThat(ids(find().expiring("1970-01-01T00:00:00Z", "9999-01-01T00:00:00Z")))
                .doesNotContain("RES-D")
                .hasSize(4);
    }

    @Test
    void combinesFiltersWithAnd() {
        assertThat(ids(find().channel("WEB").orderReference("SO-3"))).containsExactly("RES-E");
        assertThat(ids(find().channel("WEB")
                        .status(ReservationStatus.CONFIRMED)
                        .expiring(null, "2024-06-02T09:00:00Z")))
                .containsExactly("RES-A");
        assertThat(ids(find().channel("B2B").status(ReservationStatus.CONFIRMED)))
                .isEmpty();
    }

    @Test
    void pagesThroughReservationsWithTheCursor() {
        List<String> seen = new ArrayList<>();
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        do {
            ReservationPage page = find().after(cursor).limit(2).page();
            seen.addAll(ids(page));
            cursor = page.next();
            cursors.add(cursor);
        } while (cursor != null);

        assertThat(seen).containsExactly("RES-A", "RES-B", "RES-C", "RES-D", "RES-E");
        assertThat(cursors).containsExactly("RES-B", "RES-D", null);
    }

    @Test
    void pagesThroughFilteredReservations() {
        ReservationPage first = find().channel("WEB").limit(2).page();
        ReservationPage second =
                find().channel("WEB").after(first.next()).limit(2).page();

        assertThat(ids(first)).containsExactly("RES-A", "RES-B");
        assertThat(ids(second)).containsExactly("RES-E");
        assertThat(second.next()).isNull();
    }

    @Test
    void theLastFullPageHasNoNext() {
        assertThat(find().limit(5).page().next()).isNull();
    }

    @Test
    void everyItemOfAPageHasItsLinesAndRejections() {
        ReservationPage page = find().channel("B2B").page();

        assertThat(page.items())
                .allSatisfy(view -> assertThat(view.lines()).hasSize(1))
                .filteredOn(view -> view.reservationId().equals("RES-D"))
                .singleElement()
                .satisfies(view -> assertThat(view.rejections()).singleElement().satisfies(rejection -> assertThat(
                                rejection.available())
                        .isEqualTo(6)));
    }

    @Test
    void refusesACursorThatIsNotOne() {
        for (String cursor : List.of("-starts-with-a-dash", "has space", "x".repeat(65))) {
            assertThatThrownBy(() -> find().after(cursor).page())
                    .isInstanceOf(CompletionException.class)
                    .cause()
                    .isInstanceOf(QueryExecutionException.class)
                    .satisfies(e -> assertThat(((QueryExecutionException) e).getDetails())
                            .containsInstanceOf(Refusal.class));
        }
    }

    @Test
    void refusesALimitOutOfRange() {
        assertThatThrownBy(() -> new FindReservations(null, null, null, null, null, null, 0))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FindReservations(null, null, null, null, null, null, 1001))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Optional<ReservationView> get(String reservationId) {
        return queries.query(
                        new GetReservation(ReservationId.of(reservationId)),
                        ResponseTypes.optionalInstanceOf(ReservationView.class))
                .join();
    }

    private Find find() {
        return new Find();
    }

    private static List<String> ids(Find find) {
        return ids(find.limit(1000).page());
    }

    private static List<String> ids(ReservationPage page) {
        return page.items().stream().map(ReservationView::reservationId).toList();
    }

    /** Reads like the query string of the API. */
    private final class Find {
        private String orderReference, channel, after;
        private ReservationStatus status;
        private Instant expiresFrom, expiresTo;
        private int limit = 100;

        Find orderReference(String value) {
            orderReference = value;
            return this;
        }

        Find channel(String value) {
            channel = value;
            return this;
        }

        Find status(ReservationStatus value) {
            status = value;
            return this;
        }

        Find expiring(String from, String to) {
            expiresFrom = from == null ? null : Instant.parse(from);
            expiresTo = to == null ? null : Instant.parse(to);
            return this;
        }

        Find after(String value) {
            after = value;
            return this;
        }

        Find limit(int value) {
            limit = value;
            return this;
        }

        ReservationPage page() {
            return queries.query(
                            new FindReservations(
                                    orderReference == null ? null : OrderReference.of(orderReference),
                                    channel == null ? null : ChannelId.of(channel),
                                    status,
                                    expiresFrom,
                                    expiresTo,
                                    after,
                                    limit),
                            ReservationPage.class)
                    .join();
        }
    }
}
