using System.Globalization;
using System.Text;

namespace Calliyo.Server.Tests.Imports;

/// <summary>
/// A large upload whose outcome is known by construction: every 100th record (at 50, 150, …)
/// has an invalid phone, every 20th record repeats the phone of the record before it, and with
/// <c>seeded</c> every 50th record (at 7, 57, …) has a phone that <see cref="SeedFile"/> imports
/// first. All other records have their own valid Indian mobile number.
/// </summary>
internal sealed class GeneratedLeadFile(int records, long firstNationalNumber)
{
    public const string Header = "FirstName,LastName,Phone,Email,Status,Tags";

    public int Records { get; } = records;

    /// <summary>The whole upload: header and records, UTF-8 with CRLF line ends.</summary>
    public byte[] Content()
    {
        var text = new StringBuilder(Records * 64).Append(Header).Append("\r\n");
        for (var record = 1; record <= Records; record++)
        {
            text.Append(CultureInfo.InvariantCulture, $"Lead{record},Generated,{Phone(record)},lead{record}@example.com,New,bulk\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>A file of the records at 7, 57, 107, …, to import before <see cref="Content"/> so that they are duplicates of stored leads.</summary>
    public byte[] SeedFile()
    {
        var text = new StringBuilder().Append(Header).Append("\r\n");
        foreach (var record in SeededRecords())
        {
            text.Append(CultureInfo.InvariantCulture, $"Seed{record},Generated,{Phone(record)},,New,seed\r\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }

    public IEnumerable<int> SeededRecords() => Enumerable.Range(1, Records).Where(record => record % 50 == 7);

    /// <summary>The counts of importing <see cref="Content"/>, after <see cref="SeedFile"/> when <paramref name="seeded"/>.</summary>
    public (int Imported, int DuplicatesExisting, int DuplicatesInFile, int Errors, int BlankRows) Expected(bool seeded)
    {
        var errors = Enumerable.Range(1, Records).Count(IsInvalid);
        var duplicatesInFile = Enumerable.Range(1, Records).Count(IsRepeat);
        var duplicatesExisting = seeded ? SeededRecords().Count() : 0;
        return (Records - errors - duplicatesInFile - duplicatesExisting, duplicatesExisting, duplicatesInFile, errors, 0);
    }

    private static bool IsInvalid(int record) => record % 100 == 50;

    private static bool IsRepeat(int record) => record % 20 == 0;

    private string Phone(int record)
    {
        if (IsInvalid(record))
        {
            return "12345";
        }

        var national = (firstNationalNumber + (IsRepeat(record) ? record - 1 : record)).ToString(CultureInfo.InvariantCulture);
        return $"+91 {national[..5]} {national[5..]}";
    }
}
