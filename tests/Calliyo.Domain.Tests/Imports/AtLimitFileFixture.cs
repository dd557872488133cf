using Calliyo.Domain.Imports;

namespace Calliyo.Domain.Tests.Imports;

/// <summary>The exactly 10,000,000-byte upload and its plan, built once for the tests that only read them.</summary>
public sealed class AtLimitFileFixture
{
    public const int Rows = 153_845;
    public const long FirstNumber = 9_870_000_000;
    public const int Padding = 31;

    public AtLimitFileFixture()
    {
        Bytes = BulkLeadFile.Generate(Rows, FirstNumber, Padding);
        Plan = new ImportPlanner(CaseFiles.Account).Plan(CaseFiles.ReadAccepted(Bytes));
    }

    public byte[] Bytes { get; }

    public ImportPlan Plan { get; }
}
