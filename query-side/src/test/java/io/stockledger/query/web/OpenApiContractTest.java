package io.stockledger.query.web;

import io.stockledger.query.QuerySideTest;
import io.stockledger.security.test.OpenApiContract;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;

/**
 * The query API as served is the one checked in at {@code docs/openapi/query-side.json}. After a deliberate change,
 * regenerate it with {@code mvn -pl query-side -am verify -Dtest=OpenApiContractTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Dstockledger.openapi.write=true} and review its diff.
 */
@QuerySideTest
class OpenApiContractTest {

    @Autowired
    MockMvc mvc;

    @Test
    void theServedDescriptionIsTheCheckedInOne() throws Exception {
        OpenApiContract.assertServedIsCheckedIn(mvc, Path.of("..", "docs", "openapi", "query-side.json"));
    }
}
