package io.stockledger.security;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Keeps the embedded store's TCP server (the one H2's {@code AUTO_SERVER} starts, through which the other side opens
 * the shared file) on the loopback interface: H2 binds it to every interface unless its {@code h2.bindAddress}
 * system property names one. Set from {@code stockledger.store.bind-address} (default {@code 127.0.0.1}) before
 * the first connection is opened; a {@code -Dh2.bindAddress} given on the command line wins.
 */
public class LoopbackStore implements EnvironmentPostProcessor {

    static final String H2_BIND_ADDRESS = "h2.bindAddress";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (System.getProperty(H2_BIND_ADDRESS) == null) {
            System.setProperty(H2_BIND_ADDRESS, environment.getProperty("stockledger.store.bind-address", "127.0.0.1"));
        }
    }
}
