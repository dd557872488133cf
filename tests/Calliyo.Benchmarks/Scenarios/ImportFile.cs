using System.Globalization;
using System.Text;
using Calliyo.Domain.Phones;

namespace Calliyo.Benchmarks.Scenarios;

/// <summary>
/// A deterministic lead CSV as people export it: Indian mobiles in mixed notations, about 5% of
/// rows repeating an earlier number written another way, about 1% invalid phones (9 digits),
/// quoted names with commas, and tags. <see cref="UniqueValidPhones"/> is the number of leads a
/// correct import stores, worked out with the same normalizer the server uses.
/// </summary>
internal sealed class ImportFile
{
    private ImportFile(byte[] content, int rows, IReadOnlyList<string> uniqueValidPhones)
    {
        Content = content;
        Rows = rows;
        UniqueValidPhones = uniqueValidPhones;
    }

    public byte[] Content { get; }

    public int Rows { get; }

    /// <summary>The E.164 numbers of the rows that should be imported, in file order.</summary>
    public IReadOnlyList<string> UniqueValidPhones { get; }

    /// <summary>Builds a file of about <paramref name="targetBytes"/> bytes; the same size always gives the same bytes.</summary>
    public static ImportFile Generate(long targetBytes)
    {
        var random = new Random(20261204);
        var text = new StringBuilder((int)Math.Min(targetBytes + 1024, int.MaxValue));
        text.Append("First Name,Last Name,Mobile,Email,Status,Tags\r\n");

        var written = new List<long>();
        var rows = 0;
        // Every character is ASCII, so the text's length is its size in bytes.
        while (text.Length < targetBytes - 120)
        {
            long national;
            var roll = random.Next(100);
            string phone;
            if (roll < 5 && written.Count > 0)
            {
                national = written[random.Next(written.Count)];
                phone = Notation(national, random.Next(3) + 1);
            }
            else if (roll == 5)
            {
                phone = string.Create(CultureInfo.InvariantCulture, $"98765 {random.Next(1000, 9999)}");
            }
            else
            {
                national = 9_000_000_000L + rows * 7L + random.Next(7);
                written.Add(national);
                phone = Notation(national, random.Next(4));
            }

            var first = rows % 10 == 0 ? $"\"Asha, {rows}\"" : $"Lead{rows}";
            var tags = (rows % 3) switch { 0 => "\"vip,hot\"", 1 => "demo;priority", _ => "" };
            text.Append(CultureInfo.InvariantCulture, $"{first},Kumar,{phone},lead{rows}@example.com,Unassigned,{tags}\r\n");
            rows++;
        }

        var content = Encoding.UTF8.GetBytes(text.ToString());
        return new ImportFile(content, rows, ExpectedPhones(content));
    }

    private static string Notation(long national, int style)
    {
        var digits = national.ToString(CultureInfo.InvariantCulture);
        return style switch
        {
            0 => "+91 " + digits[..5] + " " + digits[5..],
            1 => "0" + digits,
            2 => "91" + digits,
            _ => digits,
        };
    }

    /// <summary>Reads the phones back the way an import does and keeps the first of each valid number.</summary>
    private static List<string> ExpectedPhones(byte[] content)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var phones = new List<string>();
        foreach (var line in Encoding.UTF8.GetString(content).Split("\r\n").Skip(1))
        {
            if (line.Length == 0)
            {
                continue;
            }

            // The phone is the third field; only the first field is ever quoted (with one comma).
            var fields = line.StartsWith('"') ? line[(line.IndexOf("\",", 1, StringComparison.Ordinal) + 2)..].Split(',') : line.Split(',')[1..];
            var normalized = PhoneNormalizer.Normalize(fields[1], "IN");
            if (normalized.IsValid && seen.Add(normalized.Phone!.Key))
            {
                phones.Add(normalized.Phone.E164);
            }
        }

        return phones;
    }
}
