using System.Text;

namespace Calliyo.Benchmarks.Load;

/// <summary>
/// JSON bodies for <c>POST /v1/leads</c>, and batches of the same lead objects for
/// <c>POST /v1/leads/batch</c>, with Indian mobile numbers that start +91 97 or +91 98
/// (20,000 random samples of each were all valid in libphonenumber 9.0.43, and an invalid one
/// would show as a 422). A share of the bodies repeats one of a fixed set of "hot" numbers.
/// Each repeat is written at random in international or national form, so only normalization
/// makes them equal. Every other body has a number never sent before. Safe to call from many
/// workers at once.
/// </summary>
internal sealed class LeadBodies
{
    private readonly double _duplicateShare;
    private readonly int[] _hotPhoneUsed;
    private long _lastUnique = -1;

    /// <param name="duplicateShare">Share of bodies, 0 to 1, that repeat a hot number.</param>
    /// <param name="hotPhones">How many distinct hot numbers the repeats are drawn from.</param>
    public LeadBodies(double duplicateShare, int hotPhones)
    {
        _duplicateShare = duplicateShare;
        _hotPhoneUsed = new int[Math.Max(1, hotPhones)];
    }

    /// <summary>Bodies with a number never sent before: the api-burst traffic.</summary>
    public static LeadBodies AllUnique() => new(0, 1);

    /// <summary>
    /// Distinct numbers in the bodies handed out so far: every unique one plus the hot ones drawn
    /// at least once. Read it after the workers have finished.
    /// </summary>
    public long DistinctPhones => Interlocked.Read(ref _lastUnique) + 1 + _hotPhoneUsed.Count(used => used == 1);

    /// <summary>Returns the next body, drawing from <paramref name="random"/>, which belongs to the calling worker.</summary>
    public byte[] Next(Random random) => Encoding.UTF8.GetBytes(NextLead(random));

    /// <summary>
    /// Returns <c>{"leads":[...]}</c> with the next <paramref name="size"/> lead objects, each
    /// drawn as <see cref="Next"/> draws one body.
    /// </summary>
    public byte[] NextBatch(Random random, int size)
    {
        var batch = new StringBuilder(capacity: 16 + size * 128).Append("""{"leads":[""");
        for (var i = 0; i < size; i++)
        {
            if (i > 0)
            {
                batch.Append(',');
            }

            batch.Append(NextLead(random));
        }

        return Encoding.UTF8.GetBytes(batch.Append("]}").ToString());
    }

    private string NextLead(Random random)
    {
        if (_duplicateShare > 0 && random.NextDouble() < _duplicateShare)
        {
            var hot = random.Next(_hotPhoneUsed.Length);
            Volatile.Write(ref _hotPhoneUsed[hot], 1);

            var digits = $"97{hot:D8}";
            var phone = random.Next(2) == 0 ? $"0{digits}" : International(digits);
            return Lead($"Repeat{hot}", phone, $"repeat{hot}@example.com");
        }

        var unique = Interlocked.Increment(ref _lastUnique);
        return Lead($"Lead{unique}", International($"98{unique:D8}"), $"lead{unique}@example.com");
    }

    /// <summary>Writes ten national digits as people type them: <c>+91 98765 43210</c>.</summary>
    private static string International(string digits) => $"+91 {digits[..5]} {digits[5..]}";

    private static string Lead(string firstName, string phone, string email) =>
        $$"""{"firstName":"{{firstName}}","lastName":"Bench","phone":"{{phone}}","email":"{{email}}","tags":["bench","burst"]}""";
}
