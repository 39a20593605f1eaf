package io.stockledger.command.platform.web;

import io.stockledger.security.test.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The command API as served is the one checked in at {@code docs/openapi/command-side.json}. After a deliberate
 * change, regenerate it with {@code mvn -pl command-side -am verify -Dtest=OpenApiContractTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstockledger.openapi.write=true} and review its diff.
 */
@SpringBootTest(properties = "spring.datasource.url=jdbc:h2:mem:openapi-${random.uuid};DB_CLOSE_DELAY=-1")
@AutoConfigureMockMvc
class OpenApiContractTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theServedDescriptionIsTheCheckedInOne() throws Exception {
        OpenApiContract.assertServedIsCheckedIn(mvc, Path.of("..", "docs", "openapi", "command-side.json"));
    }
}
