"""The forms news prints a stock ticker in, derived from the catalog's one `EXCHANGE:SYMBOL` listing.

A Taiwanese daily writes TSMC as 台積電(2330) or (2330-TW), a wire story as 2330.TW or (NYSE: TSM), a
mainland site 688256.SH; the catalog writes each listing once (`TWSE:2330`) and this module spells it
every way. Bare symbols are names only where they cannot be an everyday word: US symbols of three or
more letters outside a short list of English words ('NOW', 'ARE'), never a bare number ('2330' is also
just a number). A bare code still identifies a company inside a ticker parenthesis, which
`bare_code` gives for the extractor to check in context.
"""

from __future__ import annotations

__all__ = ["printed_forms", "bare_code"]

# US symbols that are also English words (after case folding): never names on their own.
_WORD_SYMBOLS = frozenset({
    "A", "ALL", "AN", "ANY", "ARE", "AS", "AT", "BE", "BIG", "BY", "CAN", "CAR", "CAT", "CEO", "DAY", "DO",
    "FOR", "FUN", "GO", "HAS", "HE", "IT", "KEY", "LOW", "MAN", "NEW", "NOW", "ON", "ONE", "OPEN", "OR",
    "OUT", "PAY", "RUN", "SEE", "SO", "TWO", "UP", "WAY", "WELL", "YOU", "AI", "IP", "PC", "US",
})

# For each exchange: the suffixes and prefixes news and data vendors attach to the symbol.
_SUFFIXES: dict[str, tuple[str, ...]] = {
    "NASDAQ": ("-US", ".US", ".O", " US"),
    "NYSE": ("-US", ".US", ".N", " US"),
    "TWSE": ("-TW", ".TW", " TT"),
    "TPEX": ("-TWO", ".TWO", "-TW", " TT"),
    "SSE": (".SH", ".SS"),
    "SZSE": (".SZ",),
    "BSE": (".BJ",),
    "HKEX": (".HK", "-HK", " HK"),
    "KRX": (".KS", "-KR", " KS"),
    "KOSDAQ": (".KQ", "-KR"),
    "TSE": (".T", "-JP", " JP"),
    "AMS": (".AS", " NA"),
    "PAR": (".PA", " FP"),
    "ETR": (".DE", " GY"),
    "LSE": (".L", " LN"),
    "SWX": (".SW", " SW"),
    "STO": (".ST", " SS"),
    "HEL": (".HE", " FH"),
    "BIT": (".MI", " IM"),
    "TASE": (".TA",),
    "ASX": (".AX", " AU"),
    "TSX": (".TO", " CN"),
    "NSE": (".NS", " IN"),
    "SGX": (".SI", " SP"),
}
_PREFIXES: dict[str, tuple[str, ...]] = {
    "NASDAQ": ("NASDAQ:", "Nasdaq: ", "NASDAQ: "),
    "NYSE": ("NYSE:", "NYSE: "),
    "TWSE": ("TWSE:", "TPE:", "TWSE: "),
    "TPEX": ("TPEX:", "TPEx: "),
    "SSE": ("SH", "SSE:", "SHA:"),
    "SZSE": ("SZ", "SZSE:", "SHE:"),
    "BSE": ("BJ",),
    "HKEX": ("HKEX:", "HK:", "HKG:", "HKEX: "),
    "KRX": ("KRX:", "KRX: "),
    "KOSDAQ": ("KOSDAQ:",),
    "TSE": ("TYO:", "TSE:", "TYO: "),
    "AMS": ("AMS:", "Euronext: "),
    "PAR": ("EPA:",),
    "ETR": ("ETR:", "FRA:"),
    "LSE": ("LON:", "LSE:"),
    "SWX": ("SWX:", "SIX:"),
    "STO": ("STO:",),
    "HEL": ("HEL:",),
    "BIT": ("BIT:",),
    "TASE": ("TASE:",),
    "ASX": ("ASX:",),
    "TSX": ("TSX:",),
    "NSE": ("NSE:",),
    "SGX": ("SGX:",),
}


def _codes(exchange: str, symbol: str) -> tuple[str, ...]:
    """The symbol as written, and the other paddings of a Hong Kong code (0700, 00700, 700)."""
    if exchange == "HKEX" and symbol.isdigit():
        core = symbol.lstrip("0") or "0"
        return tuple(dict.fromkeys((symbol, core.zfill(4), core.zfill(5), core)))
    return (symbol,)


def printed_forms(ticker: str) -> tuple[str, ...]:
    """Every form of `ticker` ('TWSE:2330') that names its company on its own: '2330-TW', '2330.TW', …"""
    exchange, symbol = ticker.split(":", 1)
    forms: list[str] = []
    for code in _codes(exchange, symbol):
        forms += [code + suffix for suffix in _SUFFIXES.get(exchange, ())]
        forms += [prefix + code for prefix in _PREFIXES.get(exchange, ())]
    if exchange in ("NASDAQ", "NYSE") and len(symbol) >= 3 and symbol not in _WORD_SYMBOLS:
        forms.append(symbol)
    return tuple(dict.fromkeys(forms))


def bare_code(ticker: str) -> str:
    """The code alone, as it stands in a parenthesis after a name: '2330' in 台積電(2330), '0700' of 騰訊(0700)."""
    return ticker.split(":", 1)[1]
