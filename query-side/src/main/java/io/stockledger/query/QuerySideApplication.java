package io.stockledger.query;

import java.time.Clock;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/** The query side: projections fed from the ledger's event log, and the read API over them. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class QuerySideApplication {

    public static void main(String[] args) {
        ConfigurableApplicationContext context = SpringApplication.run(QuerySideApplication.class, args);
        if (context.getEnvironment().getProperty("stockledger.audit.verify-chain", Boolean.class, false)) {
            // The command-line verifier has run: exit with its verdict.
            System.exit(SpringApplication.exit(context));
        }
    }

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }
}
