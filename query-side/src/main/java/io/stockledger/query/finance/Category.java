package io.stockledger.query.finance;

/** The kinds of on-hand movement a period balance shows, each with its own columns. */
enum Category {
    RECEIPT("receipts"),
    SHIPMENT("shipments"),
    TRANSFER_IN("transfers_in"),
    TRANSFER_OUT("transfers_out"),
    RETURN("returns"),
    ADJUSTMENT("adjustments"),
    WRITE_OFF("write_offs");

    private final String column;

    Category(String column) {
        this.column = column;
    }

    String quantityColumn() {
        return column + "_quantity";
    }

    String valueColumn() {
        return column + "_value";
    }
}
