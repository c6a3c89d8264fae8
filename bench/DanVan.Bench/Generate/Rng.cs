namespace DanVan.Bench.Generate;

/// <summary>
/// A small deterministic generator (SplitMix64), seeded per row: the same seed, stream and row always give the
/// same values, so a table can be generated twice (a petition and then its events) without holding it.
/// </summary>
internal struct Rng(ulong state)
{
    private ulong state = state;

    public static Rng For(int seed, int stream, long row) =>
        new(Mix(((ulong)(uint)seed << 32) ^ ((ulong)(uint)stream << 48) ^ (ulong)row ^ 0x9E3779B97F4A7C15UL));

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    public ulong Next()
    {
        state += 0x9E3779B97F4A7C15UL;
        return Mix(state);
    }

    /// <summary>0 ≤ n &lt; max.</summary>
    public int Below(int max) => (int)(Next() % (ulong)max);

    public int Between(int min, int maxInclusive) => min + Below(maxInclusive - min + 1);

    public double Unit() => (Next() >> 11) * (1.0 / (1UL << 53));

    public bool Chance(double p) => Unit() < p;

    public T Pick<T>(IReadOnlyList<T> items) => items[Below(items.Count)];
}
