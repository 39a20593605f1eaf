package io.stockledger.query.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

/** A projections database from before the running totals gets them from the reservations it already holds (V36). */
class ChannelReservedTotalMigrationTest {

    @Test
    void theTotalsOfAnExistingDatabaseAreTheSumsOfItsOpenReservations() {
        DriverManagerDataSource database =
                new DriverManagerDataSource("jdbc:h2:mem:channel-reserved-total;DB_CLOSE_DELAY=-1", "sa", "");
        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/projections")
                .target("35")
                .load()
                .migrate();
        JdbcClient jdbc = JdbcClient.create(database);
        jdbc.sql(
                        """
                INSERT INTO channel_reserved (sku, location, reservation_id, channel, quantity) VALUES
                ('WIDGET', 'DC1', 'R-1', 'web', 10), ('WIDGET', 'DC1', 'R-2', 'web', 5),
                ('WIDGET', 'DC1', 'R-3', 'b2b', 7), ('GADGET', 'DC2', 'R-4', 'web', 3)""")
                .update();

        Flyway.configure()
                .dataSource(database)
                .locations("classpath:db/projections")
                .load()
                .migrate();

        List<String> totals = jdbc.sql(
                        """
                SELECT sku || '@' || location || ':' || channel || '=' || quantity FROM channel_reserved_total
                ORDER BY sku, location, channel""")
                .query(String.class)
                .list();
        assertThat(totals).containsExactly("GADGET@DC2:web=3", "WIDGET@DC1:b2b=7", "WIDGET@DC1:web=15");
    }
}
