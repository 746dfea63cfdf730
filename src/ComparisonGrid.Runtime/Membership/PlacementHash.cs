using ComparisonGrid.Runtime.Messaging;

namespace ComparisonGrid.Runtime.Membership;

/// <summary>
/// Rendezvous (highest random weight) hashing: a grain belongs to the silo with the highest score for the pair.
/// It is consistent hashing without a ring: when a silo joins or leaves, only the grains it wins or held move.
/// The hash must be the same in every process, so it cannot be string.GetHashCode (randomised per process).
/// </summary>
internal static class PlacementHash
{
    public static ulong Score(string silo, GrainId grain)
    {
        var h = 14695981039346656037UL;
        h = Mix(h, silo);
        h = Mix(h, "|");
        h = Mix(h, grain.Type);
        h = Mix(h, "/");
        h = Mix(h, grain.Key);
        // SplitMix64's finaliser spreads FNV's weak low bits, so near-identical keys do not pile onto one silo.
        h ^= h >> 30;
        h *= 0xBF58476D1CE4E5B9UL;
        h ^= h >> 27;
        h *= 0x94D049BB133111EBUL;
        return h ^ (h >> 31);
    }

    private static ulong Mix(ulong h, string s)
    {
        foreach (var c in s)
        {
            h = (h ^ c) * 1099511628211UL;
        }
        return h;
    }
}
