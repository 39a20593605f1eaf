package io.stockledger.command.stock;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stockledger.api.stock.MovementCommand;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * What makes two posts of one movement id "the same content": the SHA-256 of the command's canonical JSON (its
 * kind, properties sorted, nulls left out, decimals without trailing zeros), with the correlation id left out, so
 * that a retry in a new business transaction is still the same movement.
 *
 * <p>The REST edge compares fingerprints before it dispatches, and sends the one it computed with the command. As a
 * command-bus interceptor, this class puts the fingerprint of every movement command, whoever sent it (computing it
 * when the command came without one), into the metadata of the events the command applies ({@value #METADATA_KEY});
 * the {@link MovementRegistry} records it from there.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 3)
class MovementFingerprint implements MessageHandlerInterceptor<CommandMessage<?>> {

    static final String METADATA_KEY = "movementFingerprint";

    private static final ObjectMapper CANONICAL = JsonMapper.builder()
            .findAndAddModules()
            .addModule(new SimpleModule().addSerializer(BigDecimal.class, new PlainDecimal()))
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .disable(MapperFeature.SORT_CREATOR_PROPERTIES_FIRST)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .defaultPropertyInclusion(
                    JsonInclude.Value.construct(JsonInclude.Include.NON_NULL, JsonInclude.Include.NON_NULL))
            .build();

    static String of(MovementCommand command) {
        ObjectNode json = CANONICAL.valueToTree(command);
        ((ObjectNode) json.path("header").path("origin")).remove("correlationId");
        ObjectNode content = CANONICAL.createObjectNode();
        content.put("kind", command.getClass().getSimpleName());
        content.set("command", json);
        try {
            byte[] canonical = CANONICAL.writeValueAsString(content).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("cannot fingerprint " + command, impossible);
        }
    }

    @Override
    public Object handle(UnitOfWork<? extends CommandMessage<?>> unitOfWork, InterceptorChain chain) throws Exception {
        if (unitOfWork.getMessage().getPayload() instanceof MovementCommand command) {
            String fingerprint = unitOfWork.getMessage().getMetaData().get(METADATA_KEY) instanceof String computed
                    ? computed
                    : of(command);
            unitOfWork.registerCorrelationDataProvider(message -> Map.of(METADATA_KEY, fingerprint));
        }
        return chain.proceed();
    }

    /** 1.5, 1.50 and 1.500 are one amount. */
    private static final class PlainDecimal extends JsonSerializer<BigDecimal> {

        @Override
        public void serialize(BigDecimal value, JsonGenerator json, SerializerProvider serializers) throws IOException {
            json.writeNumber(value.stripTrailingZeros().toPlainString());
        }
    }
}
