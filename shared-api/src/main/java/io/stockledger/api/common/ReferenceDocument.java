package io.stockledger.api.common;

import java.util.regex.Pattern;

/** The business document a movement was made under: its type (PO, ASN, ORDER, COUNT_SHEET, ...) and number. */
public record ReferenceDocument(String type, String number) {

    public static final String TYPE_PATTERN = "[A-Z0-9][A-Z0-9_-]{0,31}";
    public static final String NUMBER_PATTERN = "[A-Za-z0-9][A-Za-z0-9 ._/#:-]{0,63}";

    private static final Pattern TYPE = Pattern.compile(TYPE_PATTERN);
    private static final Pattern NUMBER = Pattern.compile(NUMBER_PATTERN);

    public ReferenceDocument {
        Checks.matching(type, TYPE, "reference.type");
        Checks.matching(number, NUMBER, "reference.number");
    }

    @Override
    public String toString() {
        return type + " " + number;
    }
}
