package io.stockledger.query.finance;

import java.time.ZoneId;
import java.util.Currency;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ledger's finance settings; the command side must be configured with the same zone.
 *
 * @param zone the time zone whose calendar months are the ledger periods
 * @param currency the one ledger currency every value is in; its fraction digits are the scale of every amount
 */
@ConfigurationProperties("stockledger.finance")
record FinanceProperties(@DefaultValue("UTC") ZoneId zone, @DefaultValue("EUR") Currency currency) {

    int scale() {
        return Math.max(0, currency.getDefaultFractionDigits());
    }
}
