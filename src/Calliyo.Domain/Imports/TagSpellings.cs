using System.Runtime.InteropServices;
using Calliyo.Domain.Leads;

namespace Calliyo.Domain.Imports;

/// <summary>
/// One spelling per tag across an import: a tag that matches an account tag, or one seen earlier
/// in the file, ignoring case takes that spelling, so <c>VIP</c> after <c>vip</c> is the same tag.
/// </summary>
internal sealed class TagSpellings
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _usedInOrder = [];

    public TagSpellings(IEnumerable<string> knownTags)
    {
        foreach (var tag in knownTags)
        {
            _entries.TryAdd(tag, new Entry(tag));
        }
    }

    /// <summary>The distinct tags passed to <see cref="Apply"/>, in their chosen spelling and first-seen order.</summary>
    public IReadOnlyList<string> UsedInOrder => _usedInOrder;

    /// <summary>Returns <paramref name="lead"/> with every tag in its chosen spelling; the same instance when nothing changes.</summary>
    public NormalizedLead Apply(NormalizedLead lead)
    {
        string[]? respelled = null;

        for (var i = 0; i < lead.Tags.Count; i++)
        {
            var tag = lead.Tags[i];
            ref var entry = ref CollectionsMarshal.GetValueRefOrAddDefault(_entries, tag, out var exists);
            if (!exists)
            {
                entry = new Entry(tag);
            }

            if (!entry!.IsUsed)
            {
                entry.IsUsed = true;
                _usedInOrder.Add(entry.Spelling);
            }

            if (!string.Equals(entry.Spelling, tag, StringComparison.Ordinal))
            {
                respelled ??= [.. lead.Tags];
                respelled[i] = entry.Spelling;
            }
        }

        return respelled is null ? lead : lead with { Tags = respelled };
    }

    private sealed class Entry(string spelling)
    {
        public string Spelling { get; } = spelling;

        public bool IsUsed { get; set; }
    }
}
