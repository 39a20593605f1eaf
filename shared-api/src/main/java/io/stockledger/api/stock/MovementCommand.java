package io.stockledger.api.stock;

import io.stockledger.api.common.PositionId;

/** A command that records one movement on one position. */
public sealed interface MovementCommand
        permits ReceiveStock,
                ShipStock,
                AdjustStock,
                CountStock,
                QuarantineStock,
                ReleaseFromQuarantine,
                DamageStock,
                WriteOffStock,
                TransferStockOut,
                PutStockInTransit,
                TransferStockIn,
                ReturnStock,
                ReportShortPick {

    PositionId positionId();

    MovementHeader header();
}
