package io.stockledger.query.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The available-to-sell arithmetic of one channel on one position, edges included. */
class AvailableToSellTest {

    static final String WEB = "web";
    static final String B2B = "b2b";
    static final String FIELD = "field";

    static AvailableToSell.Figures web(
            long available, Map<String, Long> quotas, Map<String, Long> reserved, long safety, long buffer, int share) {
        return AvailableToSell.of(WEB, available, quotas, reserved, safety, buffer, share);
    }

    @Test
    void withoutPolicyOrQuotasEverythingAvailableIsForSale() {
        assertThat(web(100, Map.of(), Map.of(), 0, 0, 100).availableToSell()).isEqualTo(100);
    }

    @Test
    void nothingAvailableMeansNothingForSale() {
        assertThat(web(0, Map.of(), Map.of(), 0, 0, 100).availableToSell()).isZero();
    }

    @Test
    void aShortPositionOffersNothingAndNeverANegativeFigure() {
        AvailableToSell.Figures figures = web(-7, Map.of(WEB, 5L), Map.of(), 0, 0, 100);
        assertThat(figures.availableToSell()).isZero();
        assertThat(figures.available()).isEqualTo(-7);
        assertThat(figures.ownQuota()).isZero();
    }

    @Test
    void safetyStockAndBufferAreKeptBack() {
        assertThat(web(100, Map.of(), Map.of(), 10, 5, 100).availableToSell()).isEqualTo(85);
    }

    @Test
    void safetyStockAboveOnHandOffersNothing() {
        assertThat(web(8, Map.of(), Map.of(), 10, 0, 100).availableToSell()).isZero();
        assertThat(web(8, Map.of(), Map.of(), 8, 0, 100).availableToSell()).isZero();
    }

    @Test
    void theShareIsTakenAfterSafetyStockAndBufferAndRoundedDown() {
        // (100 - 10 - 5) * 33% = 28.05 -> 28
        assertThat(web(100, Map.of(), Map.of(), 10, 5, 33).availableToSell()).isEqualTo(28);
        assertThat(web(3, Map.of(), Map.of(), 0, 0, 50).availableToSell()).isEqualTo(1);
        assertThat(web(100, Map.of(), Map.of(), 0, 0, 0).availableToSell()).isZero();
    }

    @Test
    void anotherChannelsQuotaIsFencedOff() {
        AvailableToSell.Figures figures = web(100, Map.of(B2B, 30L), Map.of(), 0, 0, 100);
        assertThat(figures.availableToSell()).isEqualTo(70);
        assertThat(figures.fencedForOthers()).isEqualTo(30);
    }

    @Test
    void whatTheOtherChannelReservedConsumesItsQuotaFirst() {
        // b2b reserved 20 of its 30: only 10 stay fenced; available already excludes the 20 reserved
        assertThat(web(80, Map.of(B2B, 30L), Map.of(B2B, 20L), 0, 0, 100).availableToSell())
                .isEqualTo(70);
        // b2b reserved beyond its quota: nothing stays fenced
        assertThat(web(50, Map.of(B2B, 30L), Map.of(B2B, 50L), 0, 0, 100).availableToSell())
                .isEqualTo(50);
    }

    @Test
    void theChannelsOwnQuotaIsNotReducedBySafetyStockBufferOrShare() {
        AvailableToSell.Figures figures = web(100, Map.of(WEB, 40L), Map.of(), 10, 5, 50);
        // own 40 + floor((60 - 10 - 5) * 50%) = 40 + 22
        assertThat(figures.ownQuota()).isEqualTo(40);
        assertThat(figures.availableToSell()).isEqualTo(62);
    }

    @Test
    void aQuotaLargerThanAvailableFencesEverythingFromOthers() {
        assertThat(web(50, Map.of(B2B, 80L), Map.of(), 0, 0, 100).availableToSell())
                .isZero();
        AvailableToSell.Figures b2b = AvailableToSell.of(B2B, 50, Map.of(B2B, 80L), Map.of(), 0, 0, 100);
        assertThat(b2b.availableToSell()).isEqualTo(50);
        assertThat(b2b.ownQuota()).isEqualTo(50);
    }

    @Test
    void quotasOfOtherChannelsAddUpAndContestedUnitsGoToNobodyElse() {
        Map<String, Long> quotas = Map.of(B2B, 60L, FIELD, 60L);
        assertThat(web(100, quotas, Map.of(), 0, 0, 100).availableToSell()).isZero();
        assertThat(AvailableToSell.of(B2B, 100, quotas, Map.of(), 0, 0, 100).availableToSell())
                .as("b2b may take what field's quota leaves")
                .isEqualTo(40);
    }

    @Test
    void aZeroQuotaChangesNothing() {
        assertThat(web(10, Map.of(B2B, 0L), Map.of(), 0, 0, 100).availableToSell())
                .isEqualTo(10);
    }
}
