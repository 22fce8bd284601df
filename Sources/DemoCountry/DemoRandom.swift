/// A seeded pseudo-random generator (SplitMix64): the same seed gives the same draws on every
/// platform, which `SystemRandomNumberGenerator` does not. Only integer arithmetic is used.
public struct DemoRandom: RandomNumberGenerator, Sendable {
    private var state: UInt64

    /// A generator from a seed.
    /// - Parameter seed: any 64-bit value.
    public init(seed: UInt64) { state = seed }

    /// A generator for one item of a stream: independent of how many items are drawn before it.
    /// - Parameters:
    ///   - seed: the country's seed.
    ///   - stream: what is drawn (a constant per concern).
    ///   - index: the item.
    public init(seed: UInt64, stream: UInt64, index: UInt64) {
        var mixer = DemoRandom(seed: seed ^ (stream &* 0x9E37_79B9_7F4A_7C15))
        state = mixer.next() ^ (index &* 0xD1B5_4A32_D192_ED03)
        _ = next()
    }

    /// The next 64 random bits.
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform integer in `0..<bound` (bound > 0), without modulo bias worth noticing at 64 bits.
    public mutating func below(_ bound: Int) -> Int {
        Int(next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in a closed range.
    public mutating func uniform(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// True with probability `perMillion` / 1,000,000.
    public mutating func chance(perMillion: Int) -> Bool { below(1_000_000) < perMillion }

    /// An index drawn with the given integer weights (any scale, sum > 0).
    public mutating func pick(weights: [Int]) -> Int {
        var r = below(weights.reduce(0, +))
        for (i, w) in weights.enumerated() {
            if r < w { return i }
            r -= w
        }
        return weights.count - 1
    }

    /// An approximately normal draw with mean 0 and standard deviation `sigmaMicro`, in millionths
    /// (Irwin–Hall: twelve uniforms less six), so no floating point enters the country.
    public mutating func normalMicro(sigmaMicro: Int64) -> Int64 {
        var sum: Int64 = 0
        for _ in 0..<12 { sum += Int64(below(1_000_000)) }
        return (sum - 6_000_000) * sigmaMicro / 1_000_000
    }
}
