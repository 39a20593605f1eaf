package io.stockledger.api.stock;

import java.util.List;

/** A page of positions; {@code next} is the cursor of the following page, null on the last one. */
public record PositionPage(List<PositionView> items, String next) {}
