package io.stockledger.security;

import com.zaxxer.hikari.HikariDataSource;
import io.stockledger.store.StoreLogin;
import io.stockledger.store.StorePassword;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;

/**
 * Opens a side's H2 database with its password ({@link StorePassword}): a data source whose URL names an H2 database
 * that is not in memory gets {@code spring.datasource.password} ({@code stockledger.store.password}) when one is
 * set, else the data directory's. A database made before it had a password is given it ({@link StoreLogin#connect})
 * before the pool or anything else opens it; a database that refuses the password stops the side at start.
 */
@AutoConfiguration
@ConditionalOnClass(HikariDataSource.class)
public class StoreDataSources {

    @Bean
    static BeanPostProcessor storePassword(Environment environment) {
        Path dataDirectory = Path.of(environment.getProperty("stockledger.data-dir", "./data"));
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool && StorePassword.isStore(pool.getJdbcUrl())) {
                    open(pool, dataDirectory);
                }
                return bean;
            }
        };
    }

    /** Sets the password, and starts the pool while the login holds the database open (so it is opened once). */
    static void open(HikariDataSource pool, Path dataDirectory) {
        String url = pool.getJdbcUrl();
        String user = pool.getUsername() == null ? StorePassword.USER : pool.getUsername();
        String password = StorePassword.forUrl(url, pool.getPassword(), dataDirectory);
        pool.setPassword(password);
        try {
            Connection login = StoreLogin.connect(url, user, password);
            try {
                pool.getConnection().close();
            } finally {
                login.close();
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "cannot open " + url + " as " + user + " with the store password (stockledger.store.password, "
                            + "else " + dataDirectory.resolve(StorePassword.FILE) + "): " + e.getMessage(),
                    e);
        }
    }
}
