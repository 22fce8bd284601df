/// Scale of a PMT score. lnMonthlyPerCapitaConsumption: predicted ln of monthly per-capita consumption in the
/// programme currency (eligible when below ln(poverty line), e.g. ln(137000) = 11.8277); welfareIndex0To100: a
/// 0-100 welfare index (higher is better off).
///
/// The codes of `common.v1.json#/$defs/scoreScale`; the raw value is the code as the catalogue writes it.
public enum ScoreScale: String, JSONStringCode {
    case lnMonthlyPerCapitaConsumption
    case welfareIndex0To100
}
