package io.stockledger.command.channel;

import io.stockledger.api.channel.ChannelPolicy;
import io.stockledger.api.channel.DefineChannel;
import io.stockledger.api.channel.GrantQuota;
import io.stockledger.api.channel.ReleaseQuota;
import io.stockledger.api.common.ChannelId;
import io.stockledger.api.common.CorrelationId;
import io.stockledger.api.common.Origin;
import io.stockledger.api.common.PositionId;
import io.stockledger.api.common.Quantity;
import io.stockledger.api.common.ReferenceDocument;
import io.stockledger.api.common.SourceSystem;
import io.stockledger.command.platform.web.CorrelationIds;
import io.stockledger.command.platform.web.PrincipalResolver;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Channels: {@code PUT /api/v1/channels/{channel}} defines a channel or replaces its policy; quotas are granted
 * and released per position. Each answers the state after the command.
 */
@RestController
@RequestMapping("/api/v1/channels")
@Tag(name = "Channels", description = "Sales channels: their selling policy and the quotas ring-fenced for them.")
@ApiResponse(
        responseCode = "400",
        description = "The request is malformed or invalid",
        content =
                @Content(
                        mediaType = "application/problem+json",
                        schema = @Schema(implementation = ProblemDetail.class)))
class ChannelController {

    private final CommandGateway commands;
    private final PrincipalResolver principals;

    ChannelController(CommandGateway commands, PrincipalResolver principals) {
        this.commands = commands;
        this.principals = principals;
    }

    @PutMapping("/{channel}")
    @Operation(summary = "Define a channel or replace its whole policy (recorded as ChannelDefined)")
    @ApiResponse(responseCode = "200", description = "The channel's policy as recorded")
    PolicyAnswer define(
            @PathVariable @Size(max = 64) @Pattern(regexp = ChannelId.PATTERN) String channel,
            @Valid @RequestBody ChannelRequest.Policy request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        ChannelId id = ChannelId.of(channel);
        ChannelPolicy policy = commands.sendAndWait(
                new DefineChannel(id, request.toPolicy(), origin(id, request.sourceSystem(), correlationId)));
        return PolicyAnswer.of(id, policy);
    }

    @PostMapping("/{channel}/quotas")
    @Operation(summary = "Ring-fence more units of a position for this channel; answers its quota there")
    @ApiResponse(responseCode = "200", description = "The channel's quota on the position after the grant")
    QuotaAnswer grant(
            @PathVariable @Size(max = 64) @Pattern(regexp = ChannelId.PATTERN) String channel,
            @Valid @RequestBody ChannelRequest.Quota request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        ChannelId id = ChannelId.of(channel);
        PositionId position = PositionId.of(request.sku(), request.location());
        Quantity quota = commands.sendAndWait(new GrantQuota(
                position, id, Quantity.of(request.quantity()), origin(id, request.sourceSystem(), correlationId)));
        return new QuotaAnswer(channel, request.sku(), request.location(), quota.units());
    }

    @PostMapping("/{channel}/quota-releases")
    @Operation(summary = "Give units of this channel's quota on a position back to every channel")
    @ApiResponse(responseCode = "200", description = "The channel's quota on the position after the release")
    @ApiResponse(
            responseCode = "409",
            description = "insufficient-quota: the channel holds less quota there than asked",
            content =
                    @Content(
                            mediaType = "application/problem+json",
                            schema = @Schema(implementation = ProblemDetail.class)))
    QuotaAnswer release(
            @PathVariable @Size(max = 64) @Pattern(regexp = ChannelId.PATTERN) String channel,
            @Valid @RequestBody ChannelRequest.Quota request,
            @RequestAttribute(CorrelationIds.ATTRIBUTE) CorrelationId correlationId) {
        ChannelId id = ChannelId.of(channel);
        PositionId position = PositionId.of(request.sku(), request.location());
        Quantity quota = commands.sendAndWait(new ReleaseQuota(
                position, id, Quantity.of(request.quantity()), origin(id, request.sourceSystem(), correlationId)));
        return new QuotaAnswer(channel, request.sku(), request.location(), quota.units());
    }

    private Origin origin(ChannelId channel, String sourceSystem, CorrelationId correlationId) {
        return new Origin(
                SourceSystem.of(sourceSystem == null ? "api" : sourceSystem),
                new ReferenceDocument("CHANNEL", channel.value()),
                principals.current(),
                correlationId);
    }

    /** A channel's policy as recorded. */
    record PolicyAnswer(
            String channel,
            List<String> locations,
            long defaultSafetyStock,
            List<SafetyStock> safetyStock,
            long buffer,
            int sharePercent,
            boolean backordersAllowed,
            long backorderLimit) {

        record SafetyStock(String sku, String location, long quantity) {}

        static PolicyAnswer of(ChannelId channel, ChannelPolicy policy) {
            return new PolicyAnswer(
                    channel.value(),
                    policy.locations().stream().map(Object::toString).toList(),
                    policy.defaultSafetyStock().units(),
                    policy.safetyStock().stream()
                            .map(s -> new SafetyStock(
                                    s.positionId().sku().value(),
                                    s.positionId().location().value(),
                                    s.quantity().units()))
                            .toList(),
                    policy.buffer().units(),
                    policy.sharePercent(),
                    policy.backordersAllowed(),
                    policy.backorderLimit().units());
        }
    }

    /** A channel's quota on one position. */
    record QuotaAnswer(String channel, String sku, String location, long quota) {}
}
